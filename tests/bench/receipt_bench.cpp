// receipt_bench: how long the ESC/POS encoder takes for a typical receipt, and for one with a QR code and a logo,
// on an 80 mm Epson (native QR) and a 58 mm clone (QR as a raster image). Prints the median and the 99th
// percentile over many runs; the target is 1 ms. Asserts nothing: timings on a shared machine are for reading.
//   ./build/dev/tests/bench/receipt_bench [runs]

#include "hardware/escpos/receipt_encoder.h"
#include "hardware/receipt_image.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace vk::hardware;

namespace {

Receipt typicalReceipt(const ReceiptImage* logo = nullptr) {
    Receipt receipt;
    receipt.kind = "cafe_receipt";
    if (logo) receipt.add(*logo);
    receipt.add(ReceiptLine{"Café des Tilleuls", true, true, true})
        .add(ReceiptLine{"Place de l'Église, Saint-Martin-la-Rivière", false, false, true})
        .add(ReceiptLine{"Mardi 12 mars 2024, 10 h 42", false, false, true})
        .add(Separator{});
    const char* items[][3] = {{"Café crème", "x2", "5,00 €"},       {"Croissant au beurre", "x3", "3,60 €"},
                              {"Pain au chocolat", "x1", "1,30 €"}, {"Jus d'orange pressé", "x1", "3,50 €"},
                              {"Tartine beurre confiture", "x2", "4,00 €"}, {"Œuf à la coque", "x1", "2,20 €"},
                              {"Chocolat chaud « maison »", "x1", "3,20 €"}, {"Eau pétillante", "x1", "2,00 €"}};
    for (const auto& item : items) receipt.add(columns(item[0], item[1], item[2]));
    receipt.add(Separator{'='})
        .add(ColumnsRow{"Total TTC", "", "24,80 €", true})
        .add(columns("dont TVA 10 %", "2,25 €"))
        .add(columns("Carte bancaire", "24,80 €"))
        .add(Separator{})
        .add(ReceiptLine{"Merci et à bientôt ! — l’équipe du café", false, false, true});
    return receipt;
}

Receipt receiptWithQrAndLogo() {
    std::vector<std::uint8_t> rgba(384 * 120 * 4, 255);
    for (int y = 0; y < 120; ++y) {
        for (int x = 0; x < 384; ++x) {
            const int dx = x - 192;
            const int dy = y - 60;
            if (dx * dx / 9 + dy * dy < 3000) {
                std::uint8_t* pixel = &rgba[static_cast<std::size_t>((y * 384 + x) * 4)];
                pixel[0] = pixel[1] = pixel[2] = 0;
            }
        }
    }
    const ReceiptImage logo = imageFromRgba(rgba, 384, 120);
    Receipt receipt = typicalReceipt(&logo);
    receipt.add(QrCode{"https://village.example/avis?ticket=2024-03-12-0042"});
    return receipt;
}

void measure(const char* label, const Receipt& receipt, const char* profileName, int runs) {
    const escpos::PrinterProfile* profile = escpos::findPrinterProfile(profileName);
    if (!profile) return;
    std::vector<double> micros;
    micros.reserve(static_cast<std::size_t>(runs));
    std::size_t bytes = 0;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const std::vector<std::uint8_t> out = escpos::encode(receipt, *profile);
        const auto end = std::chrono::steady_clock::now();
        bytes = out.size();
        micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
    std::sort(micros.begin(), micros.end());
    const double median = micros[micros.size() / 2];
    const double p99 = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
    std::printf("%-24s %-16s %7zu bytes   median %8.1f us   p99 %8.1f us   %s\n", label, profileName, bytes, median, p99,
                p99 <= 1000.0 ? "within 1 ms" : "OVER 1 ms");
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(10, std::atoi(argv[1])) : 2000;
    std::printf("receipt_bench: escpos::encode, %d runs each (build type %s)\n", runs, VK_BUILD_TYPE);
    const Receipt typical = typicalReceipt();
    const Receipt rich = receiptWithQrAndLogo();
    for (const char* profile : {"epson-tm-t20", "generic-58"}) {
        measure("typical receipt", typical, profile, runs);
        measure("with QR code and logo", rich, profile, runs);
    }
    return 0;
}
