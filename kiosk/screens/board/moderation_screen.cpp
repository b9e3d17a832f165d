// The café manager's moderation queue: posts waiting for approval and flagged ones first; every live post on
// request, to hide, extend or delete. Each action is audited by the exchange board.

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/board/post_widgets.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
using services::board::BoardPost;
using services::board::BoardServices;
using services::board::PostStatus;

namespace {

const char* statusLabel(PostStatus status) {
    switch (status) {
    case PostStatus::Pending: return tr("board.moderation.pending");
    case PostStatus::Approved: return tr("board.moderation.approved");
    case PostStatus::Flagged: return tr("board.moderation.flagged");
    case PostStatus::Hidden: return tr("board.moderation.hidden");
    }
    return "";
}

class ModerationScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }

    void open(app::ScreenContext& context) override {
        showAll_ = false;
        editing_.reset();
        message_.clear();
        reload(context.services);
    }

    void draw(app::ScreenContext& context) override {
        if (ui::headerBar(tr("board.moderation.title"), true)) {
            if (editing_) {
                editing_.reset();
            } else {
                context.open(kStaffHomeScreen);
            }
            return;
        }
        if (editing_)
            drawEdit(context);
        else
            drawQueue(context);
    }

private:
    void reload(app::KioskServices& services) {
        auto& board = services.area<BoardServices>().board;
        posts_ = showAll_ ? board.allPosts(false, 500) : board.awaitingModeration();
    }

    // Runs a moderation action after the frame and reloads the list.
    template <class Action>
    void act(app::ScreenContext& context, Action action) {
        context.later([this, action](app::ScreenContext& later) {
            const auto change = action(later.services.area<BoardServices>().board, &*later.state.staff);
            message_ = tr(std::string(services::board::postErrorKey(change.error)));
            reload(later.services);
        });
    }

    void drawQueue(app::ScreenContext& context) {
        const float width = ImGui::GetContentRegionAvail().x;
        const char* toggleKey = showAll_ ? "board.moderation.show_queue" : "board.moderation.show_all";
        if (ui::button("board.moderation.toggle", tr(toggleKey), ImVec2(ui::em(13.0f), ui::em(2.2f))))
            context.later([this](app::ScreenContext& later) {
                showAll_ = !showAll_;
                reload(later.services);
            });
        if (!message_.empty()) {
            ImGui::SameLine(0.0f, ui::em(1.0f));
            ui::textWrapped(message_, width - ui::em(14.0f), ui::fonts().body, ui::colors::kSuccess);
        }
        ImGui::BeginChild("board.moderation.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
        const float listWidth = ImGui::GetContentRegionAvail().x;
        if (posts_.empty()) ui::textWrapped(tr("board.moderation.empty"), listWidth, ui::fonts().body, ui::colors::kTextMuted);
        const ImVec2 buttonSize(ui::em(6.0f), ui::em(2.2f));
        const float gap = ui::em(0.4f);
        for (const BoardPost& post : posts_) {
            ImGui::Separator();
            ui::textWrapped(post.content.title, listWidth, ui::fonts().body, ui::colors::kBoard);
            ui::textWrapped(std::string(statusLabel(post.status)) + " · " + tr(post.direction == services::board::PostDirection::Offer
                                                                                 ? "board.offer"
                                                                                 : "board.request") +
                                " · " + board::postMeta(post) + " · " +
                                i18n::trf("board.moderation.until", {{"date", i18n::shortDateTime(post.expiresAt)}}),
                            listWidth, ui::fonts().small, ui::colors::kTextMuted);
            if (!post.content.body.empty())
                ui::textWrapped(board::shortTitle(post.content.body, 160), listWidth, ui::fonts().small);
            const std::string id = post.id;
            const std::string approveId = "board.moderation.approve." + id;
            if (ui::button(approveId.c_str(), tr("board.moderation.approve"), buttonSize, ui::ButtonKind::Primary,
                           post.status != PostStatus::Approved))
                act(context, [id](auto& board, const services::StaffSession* actor) { return board.approve(actor, id); });
            ImGui::SameLine(0.0f, gap);
            const std::string hideId = "board.moderation.hide." + id;
            if (ui::button(hideId.c_str(), tr("board.moderation.hide"), buttonSize, ui::ButtonKind::Normal,
                           post.status != PostStatus::Hidden))
                act(context, [id](auto& board, const services::StaffSession* actor) { return board.hide(actor, id); });
            ImGui::SameLine(0.0f, gap);
            const std::string editId = "board.moderation.edit." + id;
            if (ui::button(editId.c_str(), tr("board.moderation.edit"), buttonSize)) {
                editing_ = post;
                editTitle_ = post.content.title;
                keyboard_ = {};
            }
            ImGui::SameLine(0.0f, gap);
            const std::string extendId = "board.moderation.extend." + id;
            if (ui::button(extendId.c_str(), tr("board.moderation.extend"), buttonSize))
                act(context, [id](auto& board, const services::StaffSession* actor) { return board.extend(actor, id); });
            ImGui::SameLine(0.0f, gap);
            const std::string deleteId = "board.moderation.delete." + id;
            if (ui::button(deleteId.c_str(), tr("board.moderation.delete"), buttonSize, ui::ButtonKind::Danger))
                act(context, [id](auto& board, const services::StaffSession* actor) { return board.remove(actor, id); });
            ImGui::Dummy(ui::em(1.0f, 0.3f));
        }
        ui::dragToScroll();
        ImGui::EndChild();
    }

    // The manager corrects a title (a typo, a phone number written in the text is for the manager to remove
    // with « Supprimer »): the rest of the post stays as it is.
    void drawEdit(app::ScreenContext& context) {
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        ui::text(tr("board.moderation.edit_title"));
        ui::textField("board.moderation.title_field", editTitle_, "", true, false, area.x);
        const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        if (ui::drawKeyboard(editTitle_, keyboard_, services::board::ExchangeBoard::kMaxTitleLength,
                             ImVec2(area.x, origin.y + area.y - top), tr("common.save")))
            context.later([this](app::ScreenContext& later) {
                services::board::PostForm form;
                form.memberId = editing_->memberId;
                form.direction = editing_->direction;
                form.category = editing_->content.category;
                form.kind = editing_->content.kind;
                form.businessName = editing_->content.businessName.value_or("");
                form.siret = editing_->content.siret.value_or("");
                form.title = editTitle_;
                form.text = editing_->content.body;
                const auto change = later.services.area<BoardServices>().board.edit(&*later.state.staff, editing_->id, form);
                message_ = tr(std::string(services::board::postErrorKey(change.error)));
                if (change.ok()) editing_.reset();
                reload(later.services);
            });
    }

    bool showAll_ = false;
    std::vector<BoardPost> posts_;
    std::optional<BoardPost> editing_;
    std::string editTitle_;
    std::string message_;
    ui::KeyboardState keyboard_;
};

}  // namespace

void registerModerationScreen(app::ScreenRegistry& registry) { registry.add<ModerationScreen>(kBoardModerationScreen); }

}  // namespace vk::screens
