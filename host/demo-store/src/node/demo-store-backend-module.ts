import { ContainerModule } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { DemoStore } from './demo-store';

export default new ContainerModule(bind => {
    bind(DemoStore).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(DemoStore);
});
