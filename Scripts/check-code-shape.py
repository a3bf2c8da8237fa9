#!/usr/bin/env python3
"""Holds the code to the sizes the project keeps (issue 14, docs/ARCHITECTURE.md): no hand-written Swift file over
400 lines, none of the executable's over 150, no function or initialiser body over 100 lines. Generated files
(`// swift-format-ignore-file` on their first line) are left out. Exit 1 listing every breach.

    python3 Scripts/check-code-shape.py
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FILE_LIMIT, EXECUTABLE_LIMIT, FUNCTION_LIMIT = 400, 150, 100
DECLARATION = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|final|'
                         r'mutating|nonisolated|override|convenience|required)\s+)*(?:func\s|init[(?<]|deinit\b)')


def code_only(line):
    """The line without string literals and comments, so braces inside them are not counted."""
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    return line.split('//', 1)[0]


def function_lengths(lines):
    """(first line number, length) of each function body, by brace depth from its declaration."""
    found = []
    for start, text in enumerate(lines):
        if not DECLARATION.match(text):
            continue
        depth, opened = 0, False
        for end in range(start, len(lines)):
            code = code_only(lines[end])
            depth += code.count('{') - code.count('}')
            opened = opened or '{' in code
            if opened and depth <= 0:
                found.append((start + 1, end - start + 1))
                break
            if not opened and end > start and code.rstrip().endswith(')') is False and '{' not in code and end - start > 20:
                break  # a protocol requirement or other declaration without a body
    return found


def main():
    breaches = []
    for path in sorted(ROOT.glob('Sources/**/*.swift')) + sorted(ROOT.glob('Tests/**/*.swift')):
        lines = path.read_text(encoding='utf-8').split('\n')
        if lines and lines[0].startswith('// swift-format-ignore-file'):
            continue
        rel = path.relative_to(ROOT)
        count = len(lines) - (1 if lines[-1] == '' else 0)
        limit = EXECUTABLE_LIMIT if rel.parts[:2] == ('Sources', 'checkout-batch') else FILE_LIMIT
        if count > limit:
            breaches.append(f'{rel}: {count} lines (at most {limit})')
        for first, length in function_lengths(lines):
            if length > FUNCTION_LIMIT:
                breaches.append(f'{rel}:{first}: a function of {length} lines (at most {FUNCTION_LIMIT})')
    for b in breaches:
        print(b)
    print(f'code shape: {len(breaches)} breaches')
    return 1 if breaches else 0


if __name__ == '__main__':
    sys.exit(main())
