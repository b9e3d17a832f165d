#include "kiosk/app/navigation.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/textures.h"
#include "kiosk/ui/widgets.h"

#include "hardware/escpos/printer_profiles.h"
#include "hardware/receipt_preview.h"
#include "hardware/test_receipt.h"

namespace vk::screens {

using i18n::tr;

namespace {

// The printer's state in the words of the café, most urgent first.
std::string printerState(const hardware::PrinterSnapshot& snapshot) {
    if (!snapshot.connected) return tr("devices.printer.disconnected");
    if (snapshot.status.paperOut) return tr("devices.printer.paper_out");
    if (snapshot.status.coverOpen) return tr("devices.printer.cover_open");
    if (snapshot.status.error) return tr("devices.printer.error");
    if (!snapshot.status.known) return tr("devices.printer.unknown");
    if (snapshot.activity == hardware::PrinterActivity::Printing) return tr("devices.printer.printing");
    if (snapshot.status.paperNearEnd) return tr("devices.printer.paper_low");
    return tr("devices.printer.ready");
}

void printTest(AppState& state, KioskServices& services) {
    const std::int64_t now = services.clock.nowMs();
    const hardware::Receipt receipt =
        hardware::makeTestReceipt(services.config.villageName, i18n::longDate(now) + " " + i18n::clockTime(now));
    services.printer.submit(receipt);
    const hardware::escpos::PrinterProfile* profile = hardware::escpos::findPrinterProfile(services.config.printerProfile);
    if (!profile) profile = &hardware::escpos::printerProfiles().front();
    hardware::PreviewImage preview = hardware::renderPreview(receipt, *profile);
    app::DevicePanelView& view = state.devices;
    view.previewRgba = std::move(preview.rgba);
    view.previewWidth = preview.width;
    view.previewHeight = preview.height;
    ++view.previewVersion;
    view.message = tr("devices.test_sent");
    services.staff.audit(&*state.staff, "devices.print_test");
}

}  // namespace

void drawStaffDevicesScreen(AppState& state, KioskServices& services) {
    if (!state.staff) {
        app::returnHome(state, services, "no session");
        return;
    }
    if (ui::headerBar(tr("staff.home.devices"), true)) {
        app::openScreen(state, services, app::ScreenId::StaffHome);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = area.x * 0.58f;
    const ui::Fonts& fonts = ui::fonts();
    app::DevicePanelView& view = state.devices;

    ImGui::BeginGroup();
    ui::text(tr("devices.printer"), fonts.title);
    if (services.printerDevice) {
        const hardware::PrinterSnapshot snapshot = services.printerDevice->snapshot();
        ui::text(printerState(snapshot), fonts.body, snapshot.ready ? ui::colors::kSuccess : ui::colors::kDanger);
        ui::text(snapshot.device, fonts.small, ui::colors::kTextMuted);
        ui::text(i18n::trf("devices.printer.queue", {{"pending", std::to_string(snapshot.pendingJobs)},
                                                      {"failed", std::to_string(snapshot.failedJobs)}}),
                 fonts.body);
        if (!snapshot.lastError.empty()) ui::textWrapped(snapshot.lastError, left, fonts.small, ui::colors::kTextMuted);
    } else {
        ui::textWrapped(tr("devices.printer.preview_only"), left, fonts.body, ui::colors::kTextMuted);
    }
    if (ui::button("devices.print_test", tr("devices.print_test"), ImVec2(std::min(left, ui::em(15.0f)), ui::em(2.2f)),
                   ui::ButtonKind::Primary))
        printTest(state, services);
    if (!view.message.empty()) ui::text(view.message, fonts.body, ui::colors::kSuccess);

    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::text(tr("devices.readers"), fonts.title);
    ui::textWrapped(services.keyboardReader ? services.keyboardReader->status() : tr("devices.reader.none"), left,
                    fonts.small);
    ui::textWrapped(services.nfcReader ? services.nfcReader->status() : tr("devices.nfc.none"), left, fonts.small);
    // Without the real devices, staff and technicians can still try the card and barcode workflows.
    if (state.staff->role == services::StaffRole::Admin) {
        const ImVec2 size((std::min(left, ui::em(24.0f)) - ui::em(0.5f)) * 0.5f, ui::em(2.0f));
        if (ui::button("devices.simulate_card", tr("devices.simulate_card"), size))
            hardware::SimulatedReader(services.readers).presentCard("04A1B2C3D4E5F6");
        ImGui::SameLine(0.0f, ui::em(0.5f));
        if (ui::button("devices.simulate_barcode", tr("devices.simulate_barcode"), size))
            hardware::SimulatedReader(services.readers).scanBarcode("3760123456789");
    }
    ImGui::EndGroup();

    // Right: the last test receipt as the printer draws it, scaled to the panel's height.
    if (view.previewHeight > 0) {
        const ImTextureID texture = ui::rgbaTexture("devices.preview", view.previewVersion, view.previewWidth,
                                                    view.previewHeight, view.previewRgba);
        if (texture) {
            const float scale = std::min((area.x - left - ui::em(1.0f)) / static_cast<float>(view.previewWidth),
                                         area.y / static_cast<float>(view.previewHeight));
            const ImVec2 size(static_cast<float>(view.previewWidth) * scale, static_cast<float>(view.previewHeight) * scale);
            ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - size.x, origin.y));
            ImGui::Image(texture, size);
            ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ui::colors::kButtonBorder);
        }
    }
}

}  // namespace vk::screens
