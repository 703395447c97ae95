import { benchTrain } from "../../bench/train";
benchTrain().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
