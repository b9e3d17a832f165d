"""Says what a picture of one output (a binary PPM from grim) shows: kiosk, calling, black or other.

The kiosk's screens have the dark blue header along their top; the calling screen has none, its light ground at
the top and its ticket (or its dash) in the health colour; an output with nothing on it is black."""

import sys

HEADER = (0x1F, 0x3A, 0x5F)
GROUND = (0xF6, 0xF2, 0xE9)
HEALTH = (0x00, 0x63, 0x57)


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields = []
    at = 0
    while len(fields) < 4:  # magic, width, height, maximum
        while data[at:at + 1].isspace():
            at += 1
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    if fields[0] != b"P6":
        raise SystemExit(f"{path}: not a binary PPM")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[at + 1:]


def pixel(pixels, width, x, y):
    i = (y * width + x) * 3
    return tuple(pixels[i:i + 3])


def near(a, b):
    return all(abs(p - q) <= 6 for p, q in zip(a, b))


def main(path):
    try:
        width, height, pixels = read_ppm(path)
    except OSError:
        return "missing"
    samples = [pixel(pixels, width, x, y) for y in range(0, height, 8) for x in range(0, width, 8)]
    if all(s == (0, 0, 0) for s in samples):
        return "black"
    top = [pixel(pixels, width, x, 4) for x in range(0, width, 8)]
    if sum(near(s, HEADER) for s in top) > len(top) * 0.9:
        return "kiosk"
    if sum(near(s, GROUND) for s in top) > len(top) * 0.5 and any(near(s, HEALTH) for s in samples):
        return "calling"
    return "other"


if __name__ == "__main__":
    print(main(sys.argv[1]))
