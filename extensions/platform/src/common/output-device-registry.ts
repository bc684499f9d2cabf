import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ContributionRegistry } from './contribution-registry';
import { OutputDeviceContribution } from './output-device-contribution';
import type { Printer } from './printer-schema';

/** The installed kinds of printer (backend), by `kind`: which contribution drives a printer. */
@injectable()
export class OutputDeviceRegistry extends ContributionRegistry<OutputDeviceContribution> {
    @inject(ContributionProvider) @named(OutputDeviceContribution)
    protected readonly provider: ContributionProvider<OutputDeviceContribution>;
    protected readonly pointName = 'OutputDeviceContribution';

    protected idOf(contribution: OutputDeviceContribution): string {
        return contribution.kind;
    }

    /** The device of this printer; throws when no installed extension drives its kind. */
    of(printer: Pick<Printer, 'kind'>): OutputDeviceContribution {
        const device = this.get(printer.kind);
        if (!device) {
            throw new Error(`No output device for printers of kind ${printer.kind} is installed`);
        }
        return device;
    }
}
