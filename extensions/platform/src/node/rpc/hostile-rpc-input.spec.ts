import { AccountServiceContract } from '../../common/account-protocol';
import { ChangeFeedServerContract } from '../../common/change-feed-protocol';
import { describeHostileRpcInput } from './test/hostile-rpc-input';

describeHostileRpcInput('AccountService', AccountServiceContract, {
    changeOwnPassword: [['Old#pass1', 'New#pass12']],
    createUser: [[{ name: 'olivia.o', authority: 'Operator', password: 'Operat0r#Start' }]],
    deleteUser: [['user-1', 3]],
    setAuthority: [['user-1', 3, 'Monitor']],
    resetPassword: [['user-1', 3, 'Reset#pass1']],
    setEmail: [['user-1', 3, 'ops@shop.test'], ['user-1', 3, '']],
    setOwnEmail: [['me@shop.test'], ['']],
    issueApiToken: [['user-1', 'shop ERP']],
    revokeApiToken: [['token-1']]
});

describeHostileRpcInput('ChangeFeedServer', ChangeFeedServerContract, {
    subscribe: [[['orders', 'workflows']]]
});
