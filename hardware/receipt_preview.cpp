#include "hardware/receipt_preview.h"

#include "hardware/escpos/receipt_layout.h"

#include <stb_image_write.h>
#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <type_traits>
#include <unordered_map>

namespace vk::hardware {

namespace {

using escpos::LayoutBlock;

// Font A is 12×24 dots; a line feed moves 30 dots (ESC 2, the default spacing), a double-height line 54.
constexpr int kCellHeight = 24;
constexpr int kLineAdvance = 30;
constexpr int kLargeLineAdvance = 54;
constexpr int kCutMarkRows = 9;
constexpr int kQrQuietModules = 4;

constexpr std::uint8_t kPaper = 0;
constexpr std::uint8_t kInk = 1;
constexpr std::uint8_t kMark = 2;  // the cut line: grey, not something the printer prints

const char* const kRegularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
const char* const kBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";

struct FontFace {
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
    bool loaded = false;
};

void loadFace(FontFace& face, const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return;
    face.data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (face.data.empty()) return;
    const int offset = stbtt_GetFontOffsetForIndex(face.data.data(), 0);
    face.loaded = offset >= 0 && stbtt_InitFont(&face.info, face.data.data(), offset) != 0;
}

struct Fonts {
    FontFace regular;
    FontFace bold;
};

// Loaded once; stb_truetype only reads the font after stbtt_InitFont, so threads may share it.
const Fonts& fonts() {
    static const Fonts loaded = [] {
        Fonts f;
        loadFace(f.regular, kRegularFont);
        loadFace(f.bold, kBoldFont);
        return f;
    }();
    return loaded;
}

struct Glyph {
    int x0 = 0;  // from the pen position
    int y0 = 0;  // from the baseline
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> ink;
};

class Canvas {
public:
    Canvas(int width, int height)
        : width_(width), height_(height), dots_(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), kPaper) {}

    void set(int x, int y, std::uint8_t value) {
        if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
        dots_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)] = value;
    }
    void fill(int x, int y, int w, int h) {
        for (int yy = y; yy < y + h; ++yy) {
            for (int xx = x; xx < x + w; ++xx) set(xx, yy, kInk);
        }
    }

    PreviewImage toImage() const {
        PreviewImage image{width_, height_, {}};
        image.rgba.resize(dots_.size() * 4);
        for (std::size_t i = 0; i < dots_.size(); ++i) {
            const std::uint8_t level = dots_[i] == kInk ? 0 : dots_[i] == kMark ? 160 : 255;
            image.rgba[i * 4 + 0] = level;
            image.rgba[i * 4 + 1] = level;
            image.rgba[i * 4 + 2] = level;
            image.rgba[i * 4 + 3] = 255;
        }
        return image;
    }

private:
    int width_;
    int height_;
    std::vector<std::uint8_t> dots_;
};

class Painter {
public:
    Painter(const escpos::PrinterProfile& profile, Canvas& canvas)
        : profile_(profile), canvas_(canvas), cellWidth_(std::max(1, profile.dotsPerLine / std::max(1, profile.columns))) {
        const Fonts& f = fonts();
        if (!f.regular.loaded) return;
        int descent = 0;
        int ascent = 0;
        int gap = 0;
        stbtt_GetFontVMetrics(&f.regular.info, &ascent, &descent, &gap);
        // The baseline leaves the font's descent at the bottom of the 24-dot cell.
        baseline_ = static_cast<int>(std::lround(kCellHeight + static_cast<float>(descent) * unitScale(f.regular)));
    }

    static int height(const LayoutBlock& block) {
        return std::visit(
            [](const auto& item) -> int {
                using T = std::decay_t<decltype(item)>;
                if constexpr (std::is_same_v<T, escpos::TextRow>) return item.large ? kLargeLineAdvance : kLineAdvance;
                if constexpr (std::is_same_v<T, escpos::RasterBlock>) return item.image.height;
                if constexpr (std::is_same_v<T, escpos::NativeQrBlock>) {
                    return (item.matrix.size + 2 * kQrQuietModules) * item.moduleDots;
                }
                if constexpr (std::is_same_v<T, escpos::BarcodeBlock>) {
                    return item.heightDots + (item.text.empty() ? 0 : kLineAdvance);
                }
                if constexpr (std::is_same_v<T, escpos::FeedBlock>) return item.lines * kLineAdvance;
                if constexpr (std::is_same_v<T, escpos::CutBlock>) return kCutMarkRows;
                return 0;
            },
            block);
    }

    void draw(const LayoutBlock& block, int top) {
        std::visit([this, top](const auto& item) { paint(item, top); }, block);
    }

private:
    void paint(const escpos::TextRow& row, int top) {
        const int scale = row.large ? 2 : 1;
        const int rowWidth = static_cast<int>(row.bytes.size()) * cellWidth_ * scale;
        int x = 0;
        if (row.align == Align::Center) x = (profile_.dotsPerLine - rowWidth) / 2;
        if (row.align == Align::Right) x = profile_.dotsPerLine - rowWidth;
        for (const char byte : row.bytes) {
            const char32_t codePoint = escpos::codePageCodePoint(profile_.codePage, static_cast<std::uint8_t>(byte));
            character(codePoint, x, top, scale, row.bold);
            x += cellWidth_ * scale;
        }
    }

    void paint(const escpos::RasterBlock& block, int top) {
        const ReceiptImage& image = block.image;
        for (int y = 0; y < image.height; ++y) {
            for (int x = 0; x < image.width; ++x) {
                if (image.dots[static_cast<std::size_t>(y * image.width + x)]) canvas_.set(block.x + x, top + y, kInk);
            }
        }
    }

    void paint(const escpos::NativeQrBlock& qr, int top) {
        const int m = qr.moduleDots;
        const int side = (qr.matrix.size + 2 * kQrQuietModules) * m;
        const int left = (profile_.dotsPerLine - side) / 2 + kQrQuietModules * m;
        const int upper = top + kQrQuietModules * m;
        for (int y = 0; y < qr.matrix.size; ++y) {
            for (int x = 0; x < qr.matrix.size; ++x) {
                if (qr.matrix.dark[static_cast<std::size_t>(y * qr.matrix.size + x)]) {
                    canvas_.fill(left + x * m, upper + y * m, m, m);
                }
            }
        }
    }

    void paint(const escpos::BarcodeBlock& barcode, int top) {
        const int width = static_cast<int>(barcode.modules.size()) * barcode.moduleDots;
        const int left = (profile_.dotsPerLine - width) / 2;
        for (std::size_t i = 0; i < barcode.modules.size(); ++i) {
            if (barcode.modules[i]) {
                canvas_.fill(left + static_cast<int>(i) * barcode.moduleDots, top, barcode.moduleDots, barcode.heightDots);
            }
        }
        if (!barcode.text.empty()) {
            paint(escpos::TextRow{barcode.text, Align::Center, false, false}, top + barcode.heightDots + 3);
        }
    }

    void paint(const escpos::FeedBlock&, int) {}
    void paint(const escpos::DrawerBlock&, int) {}

    void paint(const escpos::CutBlock&, int top) {
        for (int x = 0; x < profile_.dotsPerLine; ++x) {
            if ((x / 8) % 2 == 0) canvas_.set(x, top + kCutMarkRows / 2, kMark);
        }
    }

    void character(char32_t codePoint, int x, int top, int scale, bool bold) {
        if (codePoint == U' ' || codePoint == 0xA0) return;
        const Fonts& f = fonts();
        if (!f.regular.loaded) {
            // No font: a box where each character prints, so that the preview still shows the layout.
            canvas_.fill(x + scale, top + 4 * scale, cellWidth_ * scale - 2 * scale, (kCellHeight - 6) * scale);
            return;
        }
        const bool boldFace = bold && f.bold.loaded;
        const Glyph& glyph = glyphFor(boldFace ? f.bold : f.regular, codePoint, scale, boldFace);
        const int baseline = top + baseline_ * scale;
        const int passes = bold && !boldFace ? 2 : 1;  // no bold face: strike twice, one dot apart
        for (int pass = 0; pass < passes; ++pass) {
            for (int gy = 0; gy < glyph.height; ++gy) {
                for (int gx = 0; gx < glyph.width; ++gx) {
                    if (glyph.ink[static_cast<std::size_t>(gy * glyph.width + gx)]) {
                        canvas_.set(x + glyph.x0 + gx + pass, baseline + glyph.y0 + gy, kInk);
                    }
                }
            }
        }
    }

    // Font units to dots, so that one advance of the monospaced font is one printer cell.
    float unitScale(const FontFace& face) const {
        int advance = 0;
        int bearing = 0;
        stbtt_GetCodepointHMetrics(&face.info, 'M', &advance, &bearing);
        return static_cast<float>(cellWidth_) / static_cast<float>(std::max(1, advance));
    }

    const Glyph& glyphFor(const FontFace& face, char32_t codePoint, int scale, bool boldFace) {
        const std::uint64_t key = (static_cast<std::uint64_t>(codePoint) << 2) | (static_cast<std::uint64_t>(scale - 1) << 1) |
                                  (boldFace ? 1U : 0U);
        const auto found = glyphs_.find(key);
        if (found != glyphs_.end()) return found->second;

        const stbtt_fontinfo* info = &face.info;
        const float fontScale = unitScale(face) * static_cast<float>(scale);

        const int drawn = stbtt_FindGlyphIndex(info, static_cast<int>(codePoint)) != 0 ? static_cast<int>(codePoint) : '?';
        Glyph glyph;
        int x1 = 0;
        int y1 = 0;
        stbtt_GetCodepointBitmapBox(info, drawn, fontScale, fontScale, &glyph.x0, &glyph.y0, &x1, &y1);
        glyph.width = std::max(0, x1 - glyph.x0);
        glyph.height = std::max(0, y1 - glyph.y0);
        std::vector<unsigned char> coverage(static_cast<std::size_t>(glyph.width) * static_cast<std::size_t>(glyph.height));
        if (!coverage.empty()) {
            stbtt_MakeCodepointBitmap(info, coverage.data(), glyph.width, glyph.height, glyph.width, fontScale, fontScale, drawn);
        }
        glyph.ink.resize(coverage.size());
        // A thermal dot is on or off: half covered prints.
        for (std::size_t i = 0; i < coverage.size(); ++i) glyph.ink[i] = coverage[i] >= 112 ? 1 : 0;
        return glyphs_.emplace(key, std::move(glyph)).first->second;
    }

    const escpos::PrinterProfile& profile_;
    Canvas& canvas_;
    int cellWidth_;
    int baseline_ = kCellHeight - 5;
    std::unordered_map<std::uint64_t, Glyph> glyphs_;
};

}  // namespace

PreviewImage renderPreview(const Receipt& receipt, const escpos::PrinterProfile& profile) {
    const std::vector<LayoutBlock> blocks = escpos::layoutReceipt(receipt, profile);
    int height = 0;
    for (const LayoutBlock& block : blocks) height += Painter::height(block);
    height = std::max(height, kLineAdvance);
    Canvas canvas(std::max(8, profile.dotsPerLine), height);
    Painter painter(profile, canvas);
    int top = 0;
    for (const LayoutBlock& block : blocks) {
        painter.draw(block, top);
        top += Painter::height(block);
    }
    return canvas.toImage();
}

bool writePreviewPng(const Receipt& receipt, const escpos::PrinterProfile& profile, const std::filesystem::path& file) {
    const PreviewImage image = renderPreview(receipt, profile);
    return stbi_write_png(file.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4) != 0;
}

}  // namespace vk::hardware
