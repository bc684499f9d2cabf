import { ContainerModule } from '@theia/core/shared/inversify';

export default new ContainerModule(() => {
    // Bindings are added as the extension's services land.
});
