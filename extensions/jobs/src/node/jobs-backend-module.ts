import { ContainerModule } from '@theia/core/shared/inversify';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { bindJobActionServices, bindJobActionRpc } from './actions';
import { bindJobQueryServices, bindJobQueryRpc } from './query';
import { bindPrintFileServices } from './print-file';

const jobsConnectionModule = ConnectionContainerModule.create(({ bind }) => {
    bindJobQueryRpc(bind);
    bindJobActionRpc(bind);
});

export default new ContainerModule(bind => {
    bindJobQueryServices(bind);
    bindJobActionServices(bind);
    bindPrintFileServices(bind);
    bind(ConnectionContainerModule).toConstantValue(jobsConnectionModule);
});
