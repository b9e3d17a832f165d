#include "hardware/test_receipt.h"

namespace vk::hardware {

Receipt makeTestReceipt(const std::string& villageName, const std::string& when) {
    Receipt receipt;
    receipt.kind = "test";
    ReceiptLine title{villageName, true, true, true};
    receipt.add(title);
    receipt.add(ReceiptLine{"Ticket d’essai de l’imprimante", false, false, true});
    receipt.add(ReceiptLine{when, false, false, true});
    receipt.add(Separator{});
    // Every letter a French receipt needs, in both cases, and the punctuation printers get wrong.
    receipt.add(ReceiptLine{"é è ê ë à â ç ù û ô î ï œ æ", false, false, false});
    receipt.add(ReceiptLine{"É È Ê À Ç Ù Œ Æ", false, false, false});
    receipt.add(ReceiptLine{"« guillemets » – tiret — apostrophe ’", false, false, false});
    receipt.add(Separator{});
    receipt.add(columns("Timbre lettre verte", "1,39 €"));
    receipt.add(columns("Enveloppe à bulles", "2,50 €"));
    receipt.add(ColumnsRow{"Total", "", "3,89 €", true});
    receipt.add(Separator{});
    receipt.add(QrCode{"https://village-kiosk.example/test"});
    receipt.add(Barcode{BarcodeSymbology::Code128, "VK-TEST-0001"});
    receipt.add(ReceiptLine{"Si tout est lisible, l’imprimante est prête.", false, false, true});
    receipt.add(PaperCut{});
    return receipt;
}

}  // namespace vk::hardware
