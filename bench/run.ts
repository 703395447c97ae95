/** `npm run bench [suite]`: prints speed and memory figures for each part of the studio. */
const suites: Record<string, () => Promise<void>> = {
  engine: async () => (await import("./engine")).benchEngine(),
  llm: async () => (await import("./llm")).benchLlm(),
  export: async () => (await import("./export")).benchExport(),
  review: async () => (await import("./review")).benchReview(),
  train: async () => (await import("./train")).benchTrain(),
  rounds: async () => (await import("./rounds")).benchRounds(),
  trl: async () => (await import("./trl")).benchTrl(),
  reasoning: async () => (await import("./reasoning")).benchReasoning(),
};

async function main(only?: string) {
  for (const [name, run] of Object.entries(suites)) {
    if (only && only !== name) continue;
    console.log(`\n== ${name} ==`);
    await run();
  }
}

void main(process.argv[2]);
