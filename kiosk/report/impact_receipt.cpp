#include "kiosk/report/impact_receipt.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/report/impact_text.h"

namespace vk::report {

hardware::Receipt impactReceipt(const services::impact::ImpactReport& report, const std::string& villageName) {
    hardware::Receipt receipt;
    receipt.kind = "impact_summary";
    receipt.lines = {
        {villageName, false, true, true},
        {i18n::tr("impact.title"), false, true, true},
        {i18n::trf("impact.span", {{"from", dateText(report.fromDay)}, {"to", dateText(report.toDay)}}), false, false,
         true},
    };
    receipt.add(hardware::Separator{});
    if (report.totals.empty()) receipt.add(hardware::ReceiptLine{i18n::tr("impact.none")});
    for (const auto& line : report.totals) {
        receipt.add(hardware::ReceiptLine{kindLabel(line.kind)});
        receipt.add(hardware::columns("  " + serviceLabel(line.service),
                                      formatNumber(static_cast<double>(line.uses)), kmText(line.km)));
    }
    receipt.add(hardware::Separator{});
    hardware::ColumnsRow total = hardware::columns(i18n::tr("impact.table.total"),
                                                   formatNumber(static_cast<double>(report.uses)), kmText(report.km));
    total.bold = true;
    receipt.add(total);
    if (report.hours > 0)
        receipt.add(hardware::columns(i18n::tr("impact.figure.hours"), formatNumber(report.hours, 1)));
    receipt.add(hardware::ReceiptLine{i18n::tr("impact.receipt.method")});
    return receipt;
}

}  // namespace vk::report
