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
    throw new RulesError(`PINGSHI_RULES：无法读取 ${path}，请指向一个 YAML 或 JSON 规则文件，或删除该变量以使用内置默认值。`);
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    throw new RulesError(`PINGSHI_RULES：${path} 不是有效的 ${path.endsWith('.json') ? 'JSON' : 'YAML'}（${(e as Error).message.split('\n')[0]}），请改正后重新启动。`);
  }
  return parseRules(data, path);
}
