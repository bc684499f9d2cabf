import { describeHostileRpcInput } from '@presswork/platform/lib/node/rpc/test/hostile-rpc-input';
import { CloseoutServiceContract } from '../common/closeout-protocol';

const CLOSEOUT = {
    packingSlip: { packingSlipNumber: 'PS-2026/0042', shipDate: '2026-07-02', carrierName: 'UPS', trackingNumber: '1Z999AA10123456784' },
    invoice: { invoiceNumber: 'INV 2026.17', invoiceDate: '2026-07-02' }
};

describeHostileRpcInput('CloseoutService', CloseoutServiceContract, {
    orderDetails: [['order-1']],
    refreshOrder: [['order-1']],
    prepareCloseout: [['order-1']],
    closeOut: [['order-1', CLOSEOUT]],
    progress: [['order-1']]
});
