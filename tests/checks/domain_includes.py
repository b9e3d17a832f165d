#!/usr/bin/python3
"""Fails when domain code reaches SDL or Dear ImGui through its includes.

The domain folders (storage/, net/, hardware/, kiosk/services/, kiosk/i18n/, kiosk/cli/) must build without a
screen. SDL's and ImGui's headers sit in /usr/include, so the compiler cannot refuse them: this check reads the
sources instead. It follows our own headers transitively, wherever they live (a domain file that includes
kiosk/app/app_state.h, which includes <SDL2/SDL.h>, is caught), and prints the whole chain.

    domain_includes.py SOURCE_DIR     check the project; exit 1 and list the offenders if there are any
    domain_includes.py --self-test    check that the check catches offenders, on a temporary tree
"""

import os
import re
import sys
import tempfile

DOMAIN_FOLDERS = ("storage", "net", "hardware", "kiosk/services", "kiosk/i18n", "kiosk/cli")
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc", ".cpp.in", ".h.in")

INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.MULTILINE)
BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
LINE_COMMENT = re.compile(r"//[^\n]*")


def forbidden(header):
    """The library a header belongs to, when it is SDL or ImGui; None otherwise."""
    parts = header.replace("\\", "/").split("/")
    name = parts[-1]
    if "SDL2" in parts[:-1] or re.fullmatch(r"SDL(_\w+)?\.h", name):
        return "SDL"
    if "imgui" in parts[:-1] or re.fullmatch(r"imgui(_\w+)?\.h", name) or name.startswith("imgui_impl_"):
        return "ImGui"
    return None


def includes_of(path):
    with open(path, encoding="utf-8", errors="replace") as source:
        text = source.read()
    # Comments go first, so that "// #include <SDL2/SDL.h>" in a note is not taken for an include. Line counts
    # are kept for the report by replacing a block comment with as many newlines.
    text = BLOCK_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = LINE_COMMENT.sub("", text)
    return [(m.group(1), m.group(2).strip()) for m in INCLUDE.finditer(text)]


def resolve(root, including_file, delimiter, header):
    """Our own file that an include names, or None for a system or third-party header."""
    candidates = [os.path.join(root, header)]  # every target has the source dir on its include path
    if delimiter == '"':
        candidates.insert(0, os.path.join(os.path.dirname(including_file), header))
    for candidate in candidates:
        candidate = os.path.normpath(candidate)
        if os.path.isfile(candidate) and candidate.startswith(os.path.normpath(root) + os.sep):
            return candidate
    return None


def offending_chains(root):
    """([(domain file, [header, ..., forbidden header], library)], files checked) for every domain file that
    reaches SDL or ImGui, with one chain of includes that gets there."""
    root = os.path.abspath(root)
    parsed = {}

    def own_includes(path):
        if path not in parsed:
            parsed[path] = includes_of(path)
        return parsed[path]

    def first_forbidden(path, seen):
        # The chain from `path` down to a forbidden header, or None. Each file is looked into once per domain
        # file (`seen`): that ends include cycles, and whatever a file reaches is found the first time.
        seen.add(path)
        for delimiter, header in own_includes(path):
            library = forbidden(header)
            if library:
                return [f"{delimiter}{header}{'>' if delimiter == '<' else delimiter}"], library
        for delimiter, header in own_includes(path):
            target = resolve(root, path, delimiter, header)
            if target is None or target in seen:
                continue
            below = first_forbidden(target, seen)
            if below:
                return [os.path.relpath(target, root)] + below[0], below[1]
        return None

    offenders = []
    checked = 0
    for folder in DOMAIN_FOLDERS:
        top = os.path.join(root, folder)
        for directory, _, files in sorted(os.walk(top)):
            for name in sorted(files):
                if not name.endswith(SOURCE_SUFFIXES):
                    continue
                path = os.path.join(directory, name)
                checked += 1
                chain = first_forbidden(path, set())
                if chain:
                    offenders.append((os.path.relpath(path, root), chain[0], chain[1]))
    return offenders, checked


def check(root):
    offenders, checked = offending_chains(root)
    for path, chain, library in offenders:
        print(f"{path}: reaches {library}: {' -> '.join([path] + chain)}")
    if offenders:
        print(f"{len(offenders)} of {checked} domain files include SDL or ImGui. Domain code ({', '.join(DOMAIN_FOLDERS)})"
              " must build without a screen: move the screen part to kiosk/app, kiosk/screens or kiosk/ui.")
        return 1
    if checked == 0:
        print(f"no domain sources found under {root}: wrong source directory?")
        return 1
    print(f"{checked} domain files checked: none includes SDL or ImGui")
    return 0


def self_test():
    files = {
        "storage/clean.cpp": '#include "storage/clean.h"\n#include <sqlite3.h>\n',
        "storage/clean.h": "#pragma once\n#include <string>\n",
        "net/direct.cpp": "#include <SDL2/SDL.h>\n",
        "hardware/plain_name.h": '#pragma once\n#include "imgui.h"\n',
        "kiosk/services/through_app.cpp": '#include "kiosk/services/middle.h"\n',
        "kiosk/services/middle.h": '#pragma once\n#include "kiosk/app/screen_part.h"\n',
        "kiosk/app/screen_part.h": "#pragma once\n#include <SDL_events.h>\n",
        "kiosk/i18n/relative.cpp": '#include "../app/text_widgets.h"\n',
        "kiosk/app/text_widgets.h": "#pragma once\n#include <imgui/imgui.h>\n",
        "kiosk/cli/commented.cpp": "// #include <SDL2/SDL.h>\n/* #include <imgui/imgui.h>\n*/\n#include <cstdio>\n",
        "kiosk/cli/cycle_a.h": '#pragma once\n#include "kiosk/cli/cycle_b.h"\n',
        "kiosk/cli/cycle_b.h": '#pragma once\n#include "kiosk/cli/cycle_a.h"\n',
        "kiosk/cli/loop_a.h": '#pragma once\n#include "kiosk/cli/loop_b.h"\n',
        "kiosk/cli/loop_b.h": '#pragma once\n#include "kiosk/cli/loop_a.h"\n#include "kiosk/app/screen_part.h"\n',
        # Outside the domain: allowed to use the screen, and not checked for itself.
        "kiosk/screens/home.cpp": "#include <imgui/imgui.h>\n#include <SDL2/SDL.h>\n",
    }
    expected = {
        "net/direct.cpp": "SDL",
        "hardware/plain_name.h": "ImGui",
        "kiosk/services/through_app.cpp": "SDL",
        "kiosk/services/middle.h": "SDL",
        "kiosk/i18n/relative.cpp": "ImGui",
        "kiosk/cli/loop_a.h": "SDL",
        "kiosk/cli/loop_b.h": "SDL",
    }
    with tempfile.TemporaryDirectory(prefix="vk-domain-includes-") as root:
        for path, text in files.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as out:
                out.write(text)
        offenders, _ = offending_chains(root)
        found = {path: library for path, _, library in offenders}
        chain_of = {path: chain for path, chain, _ in offenders}
        failures = []
        if found != expected:
            failures.append(f"found {found}, expected {expected}")
        if chain_of.get("kiosk/services/through_app.cpp") != [
            "kiosk/services/middle.h", "kiosk/app/screen_part.h", "<SDL_events.h>"]:
            failures.append(f"chain for through_app.cpp: {chain_of.get('kiosk/services/through_app.cpp')}")
        if chain_of.get("kiosk/i18n/relative.cpp") != ["kiosk/app/text_widgets.h", "<imgui/imgui.h>"]:
            failures.append(f"chain for relative.cpp: {chain_of.get('kiosk/i18n/relative.cpp')}")
        if check(root) != 1:
            failures.append("the check passed on a tree with offenders")
        os.remove(os.path.join(root, "net/direct.cpp"))
        os.remove(os.path.join(root, "hardware/plain_name.h"))
        for path in ("kiosk/services/through_app.cpp", "kiosk/services/middle.h", "kiosk/i18n/relative.cpp",
                     "kiosk/cli/loop_b.h"):
            os.remove(os.path.join(root, path))
        if check(root) != 0:
            failures.append("the check failed on a clean tree")
    for failure in failures:
        print(f"self-test: {failure}")
    print("self-test: " + ("FAILED" if failures else "the check catches direct and indirect includes, and only those"))
    return 1 if failures else 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--self-test":
        return self_test()
    if len(argv) == 2:
        return check(argv[1])
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
