/** The paper's policy-tree JSON: detection, import (best effort, with warnings) and export. */
export { isReferenceTree, readAction, ReferenceTreeMeta } from "./reference-format";
export type { ActionReading, ReferenceNode, ReferenceTree } from "./reference-format";
export { importReferenceTree, type ReferenceImport } from "./reference-import";
export { exportReferenceTree } from "./reference-export";
