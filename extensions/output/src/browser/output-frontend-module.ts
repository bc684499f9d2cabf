import { ContainerModule } from '@theia/core/shared/inversify';

/** Output's frontend: the Printers view, printer pools and the media catalog. */
export default new ContainerModule(() => {
    // bound as the output views land
});
