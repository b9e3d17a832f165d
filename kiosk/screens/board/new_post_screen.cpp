// Posting at the kiosk: the member identifies (card, or name and PIN), then chooses offer or request, the kind,
// the category, types a title and a text on the on-screen keyboard, checks the preview and sends. The post then
// waits for the café manager; a request shows at once the offers that match it.

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/board/post_widgets.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/services/user_text.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens {

using i18n::tr;
using services::board::BoardPost;
using services::board::BoardServices;
using services::board::ExchangeBoard;
using services::board::IdentifyOutcome;
using services::board::PostDirection;
using services::board::PostError;
using services::board::PostKind;

namespace {

class NewPostScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        (void)context;
        *this = NewPostScreen();
        keyboard_.shift = true;
    }

    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (step_ != Step::Name && step_ != Step::Pin) return false;
        if (event.kind != hardware::ReadKind::CardUid) return false;
        context.later([this, card = event.value](app::ScreenContext& later) {
            applyIdentification(later.services.area<BoardServices>().members.identifyByCard(card));
        });
        return true;
    }

    void draw(app::ScreenContext& context) override {
        if (ui::headerBar(tr("board.new_post"), true)) {
            back(context);
            return;
        }
        switch (step_) {
        case Step::Name: drawName(); break;
        case Step::Pin: drawPin(context); break;
        case Step::Direction: drawDirection(); break;
        case Step::Kind: drawKind(); break;
        case Step::Business: drawBusiness(); break;
        case Step::Siret: drawSiret(context); break;
        case Step::Category: drawCategory(context); break;
        case Step::Title: drawWriting(context, title_, ExchangeBoard::kMaxTitleLength, "board.new.title", Step::Text); break;
        case Step::Text: drawWriting(context, text_, ExchangeBoard::kMaxTextLength, "board.new.text", Step::Preview); break;
        case Step::Preview: drawPreview(context); break;
        case Step::Sent: drawSent(context); break;
        }
    }

    // The step's question and its choices; never the name typed or read from a card.
    std::string spokenText(app::ScreenContext& context) override {
        std::vector<std::string> parts;
        switch (step_) {
        case Step::Name: parts.push_back(tr("board.new.who")); break;
        case Step::Pin: parts.push_back(tr("board.new.pin_spoken")); break;
        case Step::Direction: parts = {tr("board.new.direction"), tr("board.new.offer"), tr("board.new.request")}; break;
        case Step::Kind:
            parts.push_back(tr("board.new.kind"));
            for (const PostKind kind : {PostKind::Free, PostKind::Cesu, PostKind::Professional})
                parts.push_back(board::kindLabel(kind));
            break;
        case Step::Business: parts.push_back(tr("board.new.business")); break;
        case Step::Siret: parts.push_back(tr("board.new.siret")); break;
        case Step::Category:
            parts.push_back(tr("board.new.category"));
            for (const std::string& category : context.services.area<BoardServices>().board.categories())
                parts.push_back(board::categoryLabel(category));
            break;
        case Step::Title: parts.push_back(tr("board.new.title")); break;
        case Step::Text: parts.push_back(tr("board.new.text")); break;
        case Step::Preview: parts = {tr("board.new.check"), title_, text_}; break;
        case Step::Sent:
            parts = {tr("board.new.sent"),
                     i18n::trf("board.new.sent_body",
                               {{"days", std::to_string(context.services.area<BoardServices>().settings.postDays)}})};
            break;
        }
        parts.push_back(message_);
        return services::joinSentences(parts);
    }

private:
    enum class Step { Name, Pin, Direction, Kind, Business, Siret, Category, Title, Text, Preview, Sent };

    void back(app::ScreenContext& context) {
        message_.clear();
        switch (step_) {
        case Step::Name:
        case Step::Sent: context.open(kBoardScreen); break;
        case Step::Pin: step_ = Step::Name; break;
        case Step::Direction: step_ = Step::Name; break;
        case Step::Kind: step_ = Step::Direction; break;
        case Step::Business: step_ = Step::Kind; break;
        case Step::Siret: step_ = Step::Business; break;
        case Step::Category: step_ = kind_ == PostKind::Professional ? Step::Siret : Step::Kind; break;
        case Step::Title: step_ = Step::Category; break;
        case Step::Text: step_ = Step::Title; break;
        case Step::Preview: step_ = Step::Text; break;
        }
    }

    void applyIdentification(const services::board::Identification& result) {
        pin_.clear();
        switch (result.outcome) {
        case IdentifyOutcome::Identified:
            member_ = *result.member;
            message_.clear();
            step_ = Step::Direction;
            return;
        case IdentifyOutcome::WrongPin:
            message_ = i18n::trn("board.new.wrong_pin", result.attemptsLeft, {{"attempts", std::to_string(result.attemptsLeft)}});
            break;
        case IdentifyOutcome::LockedOut: message_ = tr("board.new.locked"); break;
        case IdentifyOutcome::Unknown: message_ = tr("board.new.unknown"); break;
        }
        step_ = Step::Name;
    }

    void drawMessage(float width) {
        if (!message_.empty()) ui::textWrapped(message_, width, ui::fonts().body, ui::colors::kDanger);
    }

    void drawName() {
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        ui::textWrapped(tr("board.new.who"), area.x, ui::fonts().body);
        ui::textField("board.new.name", name_, "", true, false, area.x);
        drawMessage(area.x);
        const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        if (ui::drawKeyboard(name_, keyboard_, services::board::MemberRegistry::kMaxNameLength,
                             ImVec2(area.x, origin.y + area.y - top), tr("common.next")) &&
            !name_.empty()) {
            step_ = Step::Pin;
            message_.clear();
        }
    }

    void drawPin(app::ScreenContext& context) {
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float left = area.x * 0.45f;
        ui::textWrapped(i18n::trf("board.new.pin_for", {{"name", name_}}), left, ui::fonts().title);
        ui::textField("board.new.pin", pin_, "", true, true, std::min(left, ui::em(10.0f)));
        const float padWidth = std::min(area.x - left - ui::em(1.0f), area.y * 0.9f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
        if (ui::drawNumericKeypad(pin_, 8, ImVec2(padWidth, area.y), tr("common.ok"), pin_.size() >= 4))
            context.later([this](app::ScreenContext& later) {
                applyIdentification(later.services.area<BoardServices>().members.identifyByNameAndPin(name_, pin_));
            });
    }

    void drawHello(float width) {
        if (member_) ui::textWrapped(i18n::trf("board.new.hello", {{"name", member_->displayName}}), width, ui::fonts().body,
                                     ui::colors::kTextMuted);
    }

    void drawDirection() {
        const float width = ImGui::GetContentRegionAvail().x;
        drawHello(width);
        ui::textWrapped(tr("board.new.direction"), width, ui::fonts().title);
        ImGui::Dummy(ui::em(1.0f, 0.4f));
        // Stacked where they fit, else side by side (large text on a small screen): both in view without a drag.
        const float gap = ui::em(0.3f);
        const bool stacked =
            ImGui::GetContentRegionAvail().y >= ui::em(6.0f) + gap + ImGui::GetStyle().ItemSpacing.y * 2.0f;
        const ImVec2 big(stacked ? width : (width - ui::em(0.8f)) * 0.5f, ui::em(3.0f));
        if (ui::button("board.new.offer", tr("board.new.offer"), big)) {
            direction_ = PostDirection::Offer;
            step_ = Step::Kind;
        }
        if (stacked) ImGui::Dummy(ImVec2(1.0f, gap));
        else ImGui::SameLine(0.0f, ui::em(0.8f));
        if (ui::button("board.new.request", tr("board.new.request"), big)) {
            direction_ = PostDirection::Request;
            step_ = Step::Kind;
        }
    }

    void drawKind() {
        const float width = ImGui::GetContentRegionAvail().x;
        ui::textWrapped(tr("board.new.kind"), width, ui::fonts().title);
        ImGui::Dummy(ui::em(1.0f, 0.3f));
        for (const PostKind kind : {PostKind::Free, PostKind::Cesu, PostKind::Professional}) {
            const std::string id = "board.new.kind." + std::string(storage::kindKey(kind));
            if (ui::button(id.c_str(), board::kindLabel(kind), ImVec2(width, ui::em(2.4f)))) {
                kind_ = kind;
                step_ = kind == PostKind::Professional ? Step::Business : Step::Category;
                keyboard_ = {};
                keyboard_.shift = true;
            }
            ImGui::Dummy(ui::em(1.0f, 0.2f));
        }
    }

    void drawBusiness() {
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        ui::text(tr("board.new.business"));
        ui::textField("board.new.business", business_, "", true, false, area.x);
        const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        if (ui::drawKeyboard(business_, keyboard_, ExchangeBoard::kMaxBusinessNameLength,
                             ImVec2(area.x, origin.y + area.y - top), tr("common.next")) &&
            !business_.empty())
            step_ = Step::Siret;
    }

    void drawSiret(app::ScreenContext& context) {
        (void)context;
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float left = area.x * 0.45f;
        ui::textWrapped(tr("board.new.siret"), left, ui::fonts().title);
        ui::textField("board.new.siret", siret_, "", true, false, left);
        drawMessage(left);
        const float padWidth = std::min(area.x - left - ui::em(1.0f), area.y * 0.9f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - padWidth, origin.y));
        if (ui::drawNumericKeypad(siret_, 14, ImVec2(padWidth, area.y), tr("common.next"), siret_.size() == 14)) {
            if (services::board::isValidSiret(siret_)) {
                message_.clear();
                step_ = Step::Category;
            } else {
                message_ = tr("board.post.error.siret_invalid");
            }
        }
    }

    void drawCategory(app::ScreenContext& context) {
        const float width = ImGui::GetContentRegionAvail().x;
        ui::textWrapped(tr("board.new.category"), width, ui::fonts().title);
        ImGui::BeginChild("board.new.categories", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
        const float gap = ui::em(0.5f);
        const float half = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
        int column = 0;
        for (const std::string& category : context.services.area<BoardServices>().board.categories()) {
            if (column == 1) ImGui::SameLine(0.0f, gap);
            const std::string id = "board.new.category." + category;
            if (ui::button(id.c_str(), board::categoryLabel(category).c_str(), ImVec2(half, ui::em(2.4f)))) {
                category_ = category;
                step_ = Step::Title;
                keyboard_ = {};
                keyboard_.shift = true;
            }
            column = 1 - column;
            if (column == 0) ImGui::Dummy(ui::em(1.0f, 0.1f));
        }
        ui::dragToScroll();
        ImGui::EndChild();
    }

    void drawWriting(app::ScreenContext& context, std::string& text, std::size_t maxLength, const char* promptKey,
                     Step next) {
        (void)context;
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        ui::textWrapped(tr(promptKey), area.x, ui::fonts().body);
        const std::string id = std::string(promptKey) + ".field";
        ui::textField(id.c_str(), text, "", true, false, area.x);
        ui::textWrapped(i18n::trn("board.new.characters_left", maxLength - std::min(maxLength, services::countCodepoints(text)),
                                  {{"count", std::to_string(maxLength - std::min(maxLength, services::countCodepoints(text)))}}),
                        area.x, ui::fonts().small, ui::colors::kTextMuted);
        const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        // The title cannot be empty; the text may be (« Tonte de pelouse » says it all).
        if (ui::drawKeyboard(text, keyboard_, maxLength, ImVec2(area.x, origin.y + area.y - top), tr("common.next")) &&
            (next != Step::Text || !services::board::boardText(text, maxLength).empty())) {
            step_ = next;
            keyboard_ = {};
            keyboard_.shift = true;
        }
    }

    services::board::PostForm form() const {
        services::board::PostForm form;
        form.memberId = member_ ? member_->id : std::string();
        form.direction = direction_;
        form.category = category_;
        form.kind = kind_;
        form.businessName = business_;
        form.siret = siret_;
        form.title = title_;
        form.text = text_;
        form.showPhone = showPhone_;
        return form;
    }

    void drawPreview(app::ScreenContext& context) {
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const float gap = ui::em(1.0f);
        const float left = (area.x - gap) * 0.62f;
        const float right = area.x - gap - left;
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ui::Fonts& fonts = ui::fonts();
        ImGui::BeginChild("board.new.preview", ImVec2(left, area.y), false, ImGuiWindowFlags_NoScrollWithMouse);
        const float width = ImGui::GetContentRegionAvail().x;
        ui::textWrapped(tr(direction_ == PostDirection::Offer ? "board.offer" : "board.request"), width, fonts.body,
                        ui::colors::kBoard);
        ui::textWrapped(services::board::boardText(title_, ExchangeBoard::kMaxTitleLength), width, fonts.title);
        ui::textWrapped(std::string(board::kindLabel(kind_)) + " · " + board::categoryLabel(category_), width, fonts.body,
                        ui::colors::kBoard);
        if (kind_ == PostKind::Professional) ui::textWrapped(business_ + " · SIRET " + siret_, width, fonts.body);
        ui::textWrapped(services::board::boardText(text_, ExchangeBoard::kMaxTextLength), width, fonts.body);
        ui::dragToScroll();
        ImGui::EndChild();

        // « Envoyer » is pinned at the bottom of its column; what goes above it scrolls by a drag where it does not
        // fit (large text on a small screen), its words in a smaller type first.
        const float sendHeight = ui::em(2.6f);
        const float aboveSend = area.y - sendHeight - ui::em(0.3f);
        const bool offersPhone = member_ && member_->consent.showPhone && member_->phone;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
        ImGui::BeginChild("board.new.preview_actions", ImVec2(right, aboveSend), false, ImGuiWindowFlags_NoScrollWithMouse);
        const float spacing = ImGui::GetStyle().ItemSpacing.y;
        const float buttons = ui::em(2.4f + 0.3f) + spacing * 2.0f + (offersPhone ? ui::em(2.4f + 0.2f) + spacing * 2.0f : 0.0f);
        drawMessage(right);  // a refusal of the last « Envoyer », first where it is seen
        ui::textWrappedWithin(tr("board.new.check"), right, std::max(aboveSend - buttons, fonts.body->FontSize));
        ImGui::Dummy(ui::em(1.0f, 0.3f));
        if (offersPhone) {
            const std::string label = std::string(showPhone_ ? ui::symbols::kCheck : ui::symbols::kCircle) + "  " +
                                      tr("board.new.show_phone");
            if (ui::button("board.new.show_phone", label.c_str(), ImVec2(right, ui::em(2.4f)))) showPhone_ = !showPhone_;
            ImGui::Dummy(ui::em(1.0f, 0.2f));
        }
        if (ui::button("board.new.edit", tr("board.new.edit"), ImVec2(right, ui::em(2.4f)))) {
            step_ = Step::Title;
            message_.clear();
        }
        ui::dragToScroll();
        ImGui::EndChild();
        ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y + area.y - sendHeight));
        if (ui::button("board.new.send", tr("board.new.send"), ImVec2(right, sendHeight), ui::ButtonKind::Primary))
            context.later([this](app::ScreenContext& later) {
                auto& services = later.services.area<BoardServices>();
                const auto change = services.board.submit(form());
                if (!change.ok()) {
                    message_ = tr(std::string(services::board::postErrorKey(change.error)));
                    return;
                }
                message_.clear();
                sent_ = change.post;
                matches_ = services.board.matchesFor(*sent_, 10);
                step_ = Step::Sent;
            });
    }

    void drawSent(app::ScreenContext& context) {
        const float width = ImGui::GetContentRegionAvail().x;
        ui::textCentered(std::string(ui::symbols::kCheck) + "  " + tr("board.new.sent"), width, ui::fonts().title,
                         ui::colors::kSuccess);
        const int days = context.services.area<BoardServices>().settings.postDays;
        ui::textWrapped(i18n::trf("board.new.sent_body", {{"days", std::to_string(days)}}), width, ui::fonts().body);
        ImGui::Dummy(ui::em(1.0f, 0.3f));
        if (ui::button("board.new.finish", tr("board.new.finish"), ImVec2(ui::em(12.0f), ui::em(2.4f)),
                       ui::ButtonKind::Primary)) {
            context.returnHome("post sent");
            return;
        }
        if (matches_.empty()) return;
        ImGui::Dummy(ui::em(1.0f, 0.3f));
        ui::textWrapped(tr(direction_ == PostDirection::Request ? "board.post.matching_offers" : "board.post.matching_requests"),
                        width, ui::fonts().body);
        ImGui::BeginChild("board.new.matches", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
        const float listWidth = ImGui::GetContentRegionAvail().x;
        for (const BoardPost& match : matches_)
            if (board::postRow(match, listWidth)) board::openPost(context, match.id);
        ui::dragToScroll();
        ImGui::EndChild();
    }

    Step step_ = Step::Name;
    std::string name_;
    std::string pin_;
    std::optional<services::board::Member> member_;
    PostDirection direction_ = PostDirection::Offer;
    PostKind kind_ = PostKind::Free;
    std::string business_;
    std::string siret_;
    std::string category_;
    std::string title_;
    std::string text_;
    bool showPhone_ = false;
    std::string message_;
    std::optional<BoardPost> sent_;
    std::vector<BoardPost> matches_;
    ui::KeyboardState keyboard_;
};

}  // namespace

void registerNewPostScreen(app::ScreenRegistry& registry) { registry.add<NewPostScreen>(kBoardNewPostScreen); }

}  // namespace vk::screens
