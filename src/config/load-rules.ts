import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { defaultRules, parseRules, RulesError, type Rules } from '../core/rules/rules';

/** The built-in defaults, or the YAML/JSON file at `path` layered over them. */
export function loadRules(path: string | undefined): Rules {
  if (!path) return defaultRules();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RulesError(`PINGSHI_RULES: cannot read ${path}; point it at a YAML or JSON rules file or unset it.`);
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    throw new RulesError(`PINGSHI_RULES: ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseRules(data, path);
}
