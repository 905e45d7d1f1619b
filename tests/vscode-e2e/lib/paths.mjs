// Where things are: the repository, and the folder of this run's screenshots and logs.
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Screenshots (one per check) and copies of the logs; ignored by git, kept after the run. */
export const artefactsFolder = process.env.RASDL_E2E_ARTEFACTS ?? path.join(repositoryRoot, "artifacts", "vscode-e2e", "run");
