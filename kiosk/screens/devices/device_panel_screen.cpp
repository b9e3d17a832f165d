#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/devices/devices_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/devices/device_settings.h"
#include "kiosk/ui/solid_fill.h"
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

// The last test receipt, drawn as the printer would.
struct Preview {
    std::vector<std::uint8_t> rgba;
    int width = 0;
    int height = 0;
    std::uint64_t version = 0;
    std::string message;
};

void printTest(app::AppState& state, app::KioskServices& services, Preview& view) {
    const std::int64_t now = services.clock.nowMs();
    const hardware::Receipt receipt =
        hardware::makeTestReceipt(services.config.villageName, i18n::longDate(now) + " " + i18n::clockTime(now));
    services.printer.submit(receipt);
    const hardware::escpos::PrinterProfile* profile = hardware::escpos::findPrinterProfile(services.config.areas.get<services::DeviceSettings>().printerProfile);
    if (!profile) profile = &hardware::escpos::printerProfiles().front();
    hardware::PreviewImage preview = hardware::renderPreview(receipt, *profile);
    view.rgba = std::move(preview.rgba);
    view.width = preview.width;
    view.height = preview.height;
    ++view.version;
    view.message = tr("devices.test_sent");
    services.staff.audit(&*state.staff, "devices.print_test");
}

class DevicePanelScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void draw(app::ScreenContext& context) override;
    // The panel is where a technician checks a reader: what it read last is shown, and used for nothing else.
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        (void)context;
        lastRead_ = event;
        return true;
    }

private:
    Preview view_;
    std::optional<hardware::ReaderEvent> lastRead_;
};

void DevicePanelScreen::draw(app::ScreenContext& context) {
    app::AppState& state = context.state;
    app::KioskServices& services = context.services;
    if (ui::headerBar(tr("staff.home.devices"), true)) {
        context.open(kStaffHomeScreen);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = area.x * 0.58f;
    const ui::Fonts& fonts = ui::fonts();
    Preview& view = view_;

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
        context.later([&state, &services, &view] { printTest(state, services, view); });
    if (!view.message.empty()) ui::text(view.message, fonts.body, ui::colors::kSuccess);

    ImGui::Dummy(ui::em(1.0f, 0.5f));
    ui::text(tr("devices.readers"), fonts.title);
    ui::textWrapped(services.keyboardReader ? services.keyboardReader->status() : tr("devices.reader.none"), left,
                    fonts.small);
    ui::textWrapped(services.nfcReader ? services.nfcReader->status() : tr("devices.nfc.none"), left, fonts.small);
    if (lastRead_)
        ui::textWrapped(i18n::trf(lastRead_->kind == hardware::ReadKind::CardUid ? "devices.last_card" : "devices.last_barcode",
                                  {{"value", lastRead_->value}}),
                        left, fonts.body, ui::colors::kSuccess);
    // Without the real devices, staff and technicians can still try the card and barcode workflows.
    if (state.staff->role == services::StaffRole::Admin) {
        const ImVec2 size((std::min(left, ui::em(24.0f)) - ui::em(0.5f)) * 0.5f, ui::em(2.0f));
        if (ui::button("devices.simulate_card", tr("devices.simulate_card"), size))
            context.later([&services] { hardware::SimulatedReader(services.readers).presentCard("04A1B2C3D4E5F6"); });
        ImGui::SameLine(0.0f, ui::em(0.5f));
        if (ui::button("devices.simulate_barcode", tr("devices.simulate_barcode"), size))
            context.later([&services] { hardware::SimulatedReader(services.readers).scanBarcode("3760123456789"); });
    }
    ImGui::EndGroup();

    // Right: the last test receipt as the printer draws it, scaled to the panel's height.
    if (view.height > 0) {
        const ImTextureID texture = ui::rgbaTexture("devices.preview", view.version, view.width,
                                                    view.height, view.rgba);
        if (texture) {
            // The roll is printed to its edges: a white margin around it, and the border outside that margin, so
            // that the last column (the prices' €) is never under the border line.
            const float margin = ui::em(0.5f);
            const float scale = std::min((area.x - left - ui::em(1.0f) - 2.0f * margin) / static_cast<float>(view.width),
                                         (area.y - 2.0f * margin) / static_cast<float>(view.height));
            const ImVec2 size(static_cast<float>(view.width) * scale, static_cast<float>(view.height) * scale);
            const ImVec2 paperMin(origin.x + area.x - size.x - 2.0f * margin, origin.y);
            const ImVec2 paperMax(origin.x + area.x, origin.y + size.y + 2.0f * margin);
            ui::fillRoundedRect(ImGui::GetWindowDrawList(), paperMin, paperMax, ui::colors::kButton, 0.0f);
            ImGui::GetWindowDrawList()->AddRect(paperMin, paperMax, ui::colors::kButtonBorder);
            ImGui::SetCursorScreenPos(ImVec2(paperMin.x + margin, paperMin.y + margin));
            ui::image("devices.preview", texture, size);
        }
    }
}

}  // namespace

void registerDevicesScreens(app::ScreenRegistry& registry) {
    registry.add<DevicePanelScreen>(kDevicePanelScreen);
    registry.addStaffTool({"staff.home.devices", "staff.home.devices", kDevicePanelScreen, &isCafeStaff});
}

}  // namespace vk::screens
