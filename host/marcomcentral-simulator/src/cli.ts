import { CliUsageError, USAGE, parseCliArgs } from './cli-args';
import { startSimulator } from './simulator';

async function main(): Promise<void> {
    let command;
    try {
        command = parseCliArgs(process.argv.slice(2));
    } catch (error) {
        if (error instanceof CliUsageError) {
            console.error(`${error.message}\n\n${USAGE}`);
            process.exitCode = 2;
            return;
        }
        throw error;
    }
    if (command.kind === 'help') {
        console.info(USAGE);
        return;
    }
    const { options } = command;
    const simulator = await startSimulator(options);
    console.info([
        `MarcomCentral simulator listening on ${simulator.url}`,
        `  SOAP services:   ${simulator.url}/TRANS/1.0/{Order,JobTicket,PackingSlip,Invoice,Settlement}.asmx`,
        `  Order token:     ${simulator.orderToken}`,
        `  Closeout token:  ${simulator.closeoutToken}${options.closeoutToken ? '' : ' (the order token closes out too)'}`,
        `  Store time zone: ${simulator.timeZone}`,
        `  State:           ${options.stateFile ?? 'in memory'}`,
        `  Demo orders:     ${options.demoOrderIntervalMs ? `every ${options.demoOrderIntervalMs} ms` : 'off'}`,
        `  Administration:  ${simulator.url}/_sim/ (Authorization: Bearer <order token>)`
    ].join('\n'));
    let stopping = false;
    const stop = (signal: string) => {
        if (stopping) {
            return;
        }
        stopping = true;
        console.info(`${signal}: closing the simulator`);
        simulator.close().then(() => process.exit(0), error => {
            console.error(error);
            process.exit(1);
        });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch(error => {
    console.error('marcomcentral-simulator:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
});
