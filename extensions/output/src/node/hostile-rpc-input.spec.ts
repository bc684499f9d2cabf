import { describeHostileRpcInput } from '@presswork/platform/lib/node/rpc/test/hostile-rpc-input';
import { OutputServiceContract } from '../common/output-protocol';
import { BatchServiceContract } from '../common/batch/batch-protocol';

const HOT_FOLDER = { name: 'Xerox hot folder', description: 'Digital press', enabled: true, kind: 'hot-folder', folder: '/srv/presswork/hot/xerox' };
const RAW_SOCKET = { name: 'Wide format', description: '', enabled: false, kind: 'raw-socket', host: 'printer.local', port: 9100 };
const IPP = { name: 'Versant', description: '', enabled: true, kind: 'ipp', uri: 'ipps://versant.print.local/ipp/print', userName: 'presswork', password: 'S3cret' };
const POOL = { name: 'Digital presses', printerIds: ['printer-1', 'printer-2'], handOverAfterMinutes: 5 };
const MEDIUM = { name: 'Letter 100 gsm', sizeName: 'na_letter_8.5x11in', type: 'stationery', weightGsm: 100, color: 'white' };

describeHostileRpcInput('OutputService', OutputServiceContract, {
    createPrinter: [[HOT_FOLDER], [RAW_SOCKET], [IPP]],
    updatePrinter: [['printer-1', 3, HOT_FOLDER], ['printer-1', 3, IPP]],
    deletePrinter: [['printer-1', 3]],
    setPrinterEnabled: [['printer-1', false]],
    createPool: [[POOL]],
    updatePool: [['pool-1', 2, POOL]],
    deletePool: [['pool-1', 2]],
    createMedium: [[MEDIUM]],
    updateMedium: [['medium-1', 2, MEDIUM]],
    deleteMedium: [['medium-1', 2]],
    testPrinter: [['printer-1', false], ['printer-1', true]],
    identifyPrinter: [['printer-1']],
    printAgain: [['job-1']],
    markPrinted: [['job-1']]
});

describeHostileRpcInput('BatchService', BatchServiceContract, {
    listBatches: [[0, 50]],
    releaseNow: [['B-0001']],
    releaseBatchesOf: [[['job-1']]],
    removeFromBatch: [[['job-1', 'job-2']]],
    splitBatch: [[['job-1']]]
});
