import { ContainerModule } from '@theia/core/shared/inversify';
import { bindJobActions } from './actions';
import { bindOperations } from './pod';

export default new ContainerModule(bind => {
    bindOperations(bind);
    bindJobActions(bind);
});
