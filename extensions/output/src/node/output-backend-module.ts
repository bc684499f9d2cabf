import { ContainerModule } from '@theia/core/shared/inversify';

/** Output's backend: printers and their devices, job tickets, following print jobs to the end. */
export default new ContainerModule(() => {
    // bound as the output services land
});
