#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/notifications/notifications_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/notifications/notifications_area.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
using services::notifications::NotificationServices;
using storage::OutboxChannel;
using storage::OutboxState;

namespace {

std::string stateWords(const storage::OutboxMessage& message) {
    return tr("notifications.state." + std::string(storage::stateKey(message.state)));
}

class OutboxMessagesScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void open(app::ScreenContext& context) override { reload(context); }
    void draw(app::ScreenContext& context) override;

private:
    void reload(app::ScreenContext& context) {
        auto& notifications = context.services.area<NotificationServices>();
        messages_ = notifications.recent(100);
        counts_ = notifications.counts();
        problems_.clear();
        for (const OutboxChannel channel : {OutboxChannel::Email, OutboxChannel::Sms})
            if (const auto problem = notifications.channelProblem(channel)) {
                const std::string detail = notifications.channelDetail(channel);
                // The technician's detail (a password file that cannot be read) after the café's words.
                problems_.push_back(std::string(tr(*problem)) + (detail.empty() ? "" : " (" + detail + ")"));
            }
        shownAtMs_ = context.services.clock.nowMs();
    }

    std::vector<storage::OutboxMessage> messages_;
    storage::OutboxCounts counts_;
    std::vector<std::string> problems_;
    std::string notice_;
    std::int64_t shownAtMs_ = 0;
};

void OutboxMessagesScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("notifications.title"), true)) {
        context.open(kStaffHomeScreen);
        return;
    }
    // The worker sends in the background: the list follows without a tap (at most once a second).
    if (context.services.clock.nowMs() - shownAtMs_ >= 1000)
        context.later([this](app::ScreenContext& later) { reload(later); });

    const ui::Fonts& fonts = ui::fonts();
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text(i18n::trf("notifications.counts", {{"pending", std::to_string(counts_.pending + counts_.sending)},
                                                {"sent", std::to_string(counts_.sent)},
                                                {"failed", std::to_string(counts_.failed)}}),
             fonts.body);
    for (const std::string& problem : problems_) ui::textWrapped(problem, width, fonts.small, ui::colors::kDanger);
    if (!notice_.empty()) ui::text(notice_, fonts.small, ui::colors::kSuccess);
    if (messages_.empty()) {
        ui::textWrapped(tr("notifications.none"), width, fonts.body, ui::colors::kTextMuted);
        return;
    }

    ImGui::BeginChild("notifications.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(fonts.small);
    const float buttonWidth = ui::em(11.0f);
    if (ImGui::BeginTable("notifications.table", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("notifications.when"), ImGuiTableColumnFlags_WidthFixed, ui::em(5.5f));
        ImGui::TableSetupColumn(tr("notifications.what"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("notifications.state"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn(tr("notifications.next"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, buttonWidth);
        ImGui::TableHeadersRow();
        const auto cell = [](const std::string& words, ImU32 color = ui::colors::kText) {
            ImGui::TableNextColumn();
            ui::textWrapped(words, ImGui::GetContentRegionAvail().x, nullptr, color);
        };
        for (const auto& message : messages_) {
            ImGui::TableNextRow();
            ImGui::PushID(message.id.c_str());
            cell(i18n::shortDateTime(message.createdAt));
            cell(tr(message.channel == OutboxChannel::Email ? "notifications.channel.email"
                                                             : "notifications.channel.sms") +
                 std::string(" · ") + message.recipient);
            cell(stateWords(message) + " · " +
                     i18n::trn("notifications.attempts", message.attempts, {{"count", std::to_string(message.attempts)}}),
                 message.state == OutboxState::Failed ? ui::colors::kDanger
                 : message.state == OutboxState::Sent ? ui::colors::kSuccess
                                                      : ui::colors::kText);
            std::string next;
            if (message.state == OutboxState::Pending)
                next = i18n::trf("notifications.next_try", {{"when", i18n::shortDateTime(message.nextAttemptAt)}});
            else if (message.sentAt)
                next = i18n::trf("notifications.sent_at", {{"when", i18n::shortDateTime(*message.sentAt)}});
            if (!message.lastError.empty()) next += (next.empty() ? "" : "\n") + message.lastError;
            cell(next, ui::colors::kTextMuted);
            ImGui::TableNextColumn();
            if (message.state == OutboxState::Pending || message.state == OutboxState::Failed) {
                const std::string id = message.id;
                if (ui::button(("notifications.retry." + id).c_str(), tr("notifications.retry"),
                               ImVec2(buttonWidth, ui::em(2.2f)), ui::ButtonKind::Primary))
                    context.later([this, id](app::ScreenContext& later) {
                        auto& notifications = later.services.area<NotificationServices>();
                        const bool done = notifications.retryNow(&*later.state.staff, id);
                        notice_ = tr(done ? "notifications.retry_done" : "notifications.retry_refused");
                        reload(later);
                    });
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::PopFont();
    ui::dragToScroll();
    ImGui::EndChild();
}

}  // namespace

void registerNotificationsScreens(app::ScreenRegistry& registry) {
    registry.add<OutboxMessagesScreen>(kOutboxMessagesScreen);
    registry.addStaffTool({"staff.home.messages", "staff.home.messages", kOutboxMessagesScreen, &isCafeStaff});
}

}  // namespace vk::screens
