// A tiny local ESLint plugin for the one layering check the core rules cannot express: a relative import that
// climbs out of its own workspace (`../../sim/src/x`, `../../../apps/web/...`). Bare specifiers such as
// '@ratelab/sim' or 'react' are handled by no-restricted-imports in eslint.config.js; this rule resolves relative
// paths against the file, so it cannot be dodged by changing the number of `../`.
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** The workspace folder (e.g. `packages/sim`) a path lies in, or undefined for root-level files. */
function workspaceOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep);
  if ((rel[0] === 'packages' || rel[0] === 'apps') && rel.length > 2) return `${rel[0]}/${rel[1]}`;
  return undefined;
}

const noEscapingRelativeImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports must stay inside their own workspace; cross packages through their public name.' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      escapes:
        "'{{source}}' leaves {{from}} and reaches {{to}}: import another workspace by its package name (e.g. '@ratelab/algorithms'), never by a relative path.",
    },
  },
  create(context) {
    const filename = context.filename;
    const from = workspaceOf(filename);
    // Root folders a file may still reach (for example scripts/ from tests), relative to the repository root.
    const allow = (context.options[0]?.allow ?? []).map((p) => path.join(ROOT, p) + path.sep);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(filename), source.split('?')[0]);
      const to = workspaceOf(target);
      if (to === from) return;
      if (allow.some((prefix) => (target + path.sep).startsWith(prefix))) return;
      context.report({ node, messageId: 'escapes', data: { source, from, to: to ?? (path.relative(ROOT, target) || '.') } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const layeringPlugin = {
  meta: { name: 'ratelab-layering' },
  rules: { 'no-escaping-relative-imports': noEscapingRelativeImports },
};
