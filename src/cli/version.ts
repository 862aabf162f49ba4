// What `gongwen --version` prints, for main.ts (which answers it before commander is loaded)
// and for commander's own -v option (listed in --help, and used with other options).
import { gongwenVersion } from '../util/version.js';

export const versionLine = (): string => `gongwen ${gongwenVersion()}`;
