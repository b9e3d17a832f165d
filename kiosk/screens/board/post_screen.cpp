#include "kiosk/screens/board/post_screen.h"

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/board/post_widgets.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
using services::board::BoardServices;
using services::board::PostDirection;

void BoardPostScreen::open(app::ScreenContext& context) {
    (void)context;
    post_.reset();
    matches_.clear();
    message_ = Message::None;
}

void BoardPostScreen::show(app::KioskServices& services, const std::string& postId) {
    auto& area = services.area<BoardServices>();
    post_ = area.board.find(postId);
    matches_.clear();
    message_ = Message::None;
    if (!post_ || !area.board.isPublic(*post_)) {
        post_.reset();
        message_ = Message::Gone;
        return;
    }
    poster_ = area.board.posterName(*post_);
    contact_ = area.board.contactLine(*post_);
    matches_ = area.board.matchesFor(*post_, 10);
}

void BoardPostScreen::draw(app::ScreenContext& context) {
    const bool offer = post_ && post_->direction == PostDirection::Offer;
    if (ui::headerBar(post_ ? tr(offer ? "board.offer" : "board.request") : tr("board.title"), true)) {
        context.open(kBoardScreen);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ui::Fonts& fonts = ui::fonts();
    if (!post_) {
        ImGui::Dummy(ui::em(1.0f, 1.5f));
        ui::textCentered(tr("board.post.error.not_on_board"), area.x, fonts.title);
        ImGui::Dummy(ui::em(1.0f, 1.0f));
        ImGui::SetCursorPosX((area.x - ui::em(12.0f)) * 0.5f + ImGui::GetStyle().WindowPadding.x);
        if (ui::button("board.post.back", tr("board.post.back"), ui::em(12.0f, 2.4f), ui::ButtonKind::Primary))
            context.open(kBoardScreen);
        return;
    }
    const services::board::BoardPost& post = *post_;
    const float gap = ui::em(1.0f);
    const float left = (area.x - gap) * 0.6f;
    const float right = area.x - gap - left;
    const ImVec2 origin = ImGui::GetCursorScreenPos();

    ImGui::BeginChild("board.post.text", ImVec2(left, area.y), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(post.content.title, width, fonts.title);
    ui::textWrapped(std::string(board::kindLabel(post.content.kind)) + " · " + board::categoryLabel(post.content.category),
                    width, fonts.body, ui::colors::kBoard);
    if (post.content.businessName)
        ui::textWrapped(*post.content.businessName + " · SIRET " + post.content.siret.value_or(""), width, fonts.body);
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    if (!post.content.body.empty()) ui::textWrapped(post.content.body, width, fonts.body);
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    ui::textWrapped(i18n::trf("board.slip.by", {{"name", poster_}, {"village", post.village}}), width, fonts.body,
                    ui::colors::kTextMuted);
    ui::textWrapped(i18n::trf("board.slip.until", {{"date", i18n::longDate(post.expiresAt)}}), width, fonts.body,
                    ui::colors::kTextMuted);
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    ui::textWrapped(contact_, width, fonts.title, ui::colors::kPrimary);
    ui::dragToScroll();
    ImGui::EndChild();

    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginChild("board.post.actions", ImVec2(right, area.y), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float actionsWidth = ImGui::GetContentRegionAvail().x;
    app::KioskServices& services = context.services;
    if (ui::button("board.post.print", tr("board.post.print"), ImVec2(actionsWidth, ui::em(2.4f)), ui::ButtonKind::Primary))
        context.later([this, &services] {
            services.area<BoardServices>().printSlip(*post_);
            message_ = services.printer.printsNow() ? Message::Printed : Message::PrintLater;
        });
    ImGui::Dummy(ui::em(1.0f, 0.2f));
    if (ui::button("board.post.flag", tr("board.post.flag"), ImVec2(actionsWidth, ui::em(2.4f)), ui::ButtonKind::Normal,
                   message_ != Message::Flagged))
        context.later([this, &services] {
            if (services.area<BoardServices>().board.flag(post_->id).ok()) message_ = Message::Flagged;
        });
    switch (message_) {
    case Message::Printed: ui::textWrapped(tr("board.post.printing"), actionsWidth, fonts.body, ui::colors::kSuccess); break;
    case Message::PrintLater: ui::textWrapped(tr("board.post.print_later"), actionsWidth, fonts.body); break;
    case Message::Flagged: ui::textWrapped(tr("board.post.flagged"), actionsWidth, fonts.body, ui::colors::kSuccess); break;
    default: break;
    }
    if (!matches_.empty()) {
        ImGui::Dummy(ui::em(1.0f, 0.4f));
        ui::textWrapped(tr(offer ? "board.post.matching_requests" : "board.post.matching_offers"), actionsWidth, fonts.body);
        for (const auto& match : matches_)
            if (board::postRow(match, actionsWidth)) board::openPost(context, match.id);
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

std::string BoardPostScreen::spokenText(app::ScreenContext& context) {
    (void)context;
    if (!post_) return tr("board.post.error.not_on_board");
    const services::board::BoardPost& post = *post_;
    return services::joinSentences({post.content.title,
                                    std::string(board::kindLabel(post.content.kind)) + ", " +
                                        board::categoryLabel(post.content.category),
                                    post.content.body,
                                    i18n::trf("board.slip.until", {{"date", i18n::longDate(post.expiresAt)}})});
}

}  // namespace vk::screens
