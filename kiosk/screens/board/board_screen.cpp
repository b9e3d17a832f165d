// The public board: offers or requests, by category, newest first; a search with the on-screen keyboard.

#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/board/post_widgets.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
using services::board::BoardPost;
using services::board::BoardServices;
using services::board::PostDirection;

namespace {

class BoardScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override {
        mode_ = Mode::Browse;
        direction_ = PostDirection::Offer;
        category_.reset();
        query_.clear();
        reload(context.services);
    }

    void draw(app::ScreenContext& context) override {
        if (ui::headerBar(tr("board.title"), true)) {
            if (mode_ == Mode::Browse) {
                context.returnHome("back");
            } else {
                mode_ = Mode::Browse;
                context.later([this](app::ScreenContext& later) { reload(later.services); });
            }
            return;
        }
        switch (mode_) {
        case Mode::Browse: drawBrowse(context); break;
        case Mode::Typing: drawTyping(context); break;
        case Mode::Results: drawResults(context); break;
        }
    }

    // The posts listed, by their titles: who wrote them is for the eyes (and the slip), not for the room.
    std::string spokenText(app::ScreenContext& context) override {
        (void)context;
        if (mode_ == Mode::Typing) return tr("board.search_prompt");
        const std::vector<BoardPost>& posts = mode_ == Mode::Results ? results_ : posts_;
        std::vector<std::string> parts{tr(direction_ == PostDirection::Offer ? "board.offers" : "board.requests")};
        if (mode_ == Mode::Results) parts.front() = i18n::trf("board.results_for", {{"query", query_}});
        if (posts.empty())
            parts.push_back(mode_ == Mode::Results ? tr("board.no_results")
                                                   : tr(direction_ == PostDirection::Offer ? "board.no_offers" : "board.no_requests"));
        for (const BoardPost& post : posts) parts.push_back(post.content.title);
        return services::joinSentences(parts);
    }

private:
    enum class Mode { Browse, Typing, Results };

    void reload(app::KioskServices& services) {
        posts_ = services.area<BoardServices>().board.browse(direction_, category_);
    }

    void drawTopRow(app::ScreenContext& context) {
        const float gap = ui::em(0.5f);
        // Narrower where the row has fewer ems (large text), so that « Déposer une annonce » keeps its room.
        const float width = ImGui::GetContentRegionAvail().x;
        const ImVec2 toggle(std::min(ui::em(6.5f), width * 0.22f), ui::em(2.4f));
        const bool offers = direction_ == PostDirection::Offer;
        if (ui::button("board.offers", tr("board.offers"), toggle, offers ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            choose(context, PostDirection::Offer, category_);
        ImGui::SameLine(0.0f, gap);
        if (ui::button("board.requests", tr("board.requests"), toggle, offers ? ui::ButtonKind::Normal : ui::ButtonKind::Primary))
            choose(context, PostDirection::Request, category_);
        ImGui::SameLine(0.0f, gap);
        if (ui::button("board.search", tr("board.search"), ImVec2(std::min(ui::em(8.0f), width * 0.25f), toggle.y))) {
            mode_ = Mode::Typing;
            keyboard_ = {};
        }
        ImGui::SameLine(0.0f, gap);
        const float rest = ImGui::GetContentRegionAvail().x;
        if (ui::button("board.new_post", tr("board.new_post"), ImVec2(rest, toggle.y), ui::ButtonKind::Primary))
            context.open(kBoardNewPostScreen);
    }

    void choose(app::ScreenContext& context, PostDirection direction, std::optional<std::string> category) {
        context.later([this, direction, category](app::ScreenContext& later) {
            direction_ = direction;
            category_ = category;
            reload(later.services);
        });
    }

    void drawBrowse(app::ScreenContext& context) {
        drawTopRow(context);
        ImGui::Dummy(ui::em(1.0f, 0.3f));
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const float gap = ui::em(1.0f);
        const float left = ui::em(12.0f);
        const auto& categories = context.services.area<BoardServices>().board.categories();

        ImGui::BeginChild("board.categories", ImVec2(left, area.y), false, ImGuiWindowFlags_NoScrollWithMouse);
        const ImVec2 size(ImGui::GetContentRegionAvail().x, ui::em(2.4f));
        if (ui::button("board.category.all", tr("board.category.all"), size,
                       category_ ? ui::ButtonKind::Normal : ui::ButtonKind::Primary))
            choose(context, direction_, std::nullopt);
        for (const std::string& category : categories) {
            ImGui::Dummy(ui::em(1.0f, 0.1f));
            const std::string id = "board.category." + category;
            const bool chosen = category_ && *category_ == category;
            if (ui::button(id.c_str(), board::categoryLabel(category).c_str(), size,
                           chosen ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
                choose(context, direction_, category);
        }
        ui::dragToScroll();
        ImGui::EndChild();

        ImGui::SameLine(0.0f, gap);
        drawList(context, posts_, tr(direction_ == PostDirection::Offer ? "board.no_offers" : "board.no_requests"));
    }

    void drawList(app::ScreenContext& context, const std::vector<BoardPost>& posts, const char* emptyText) {
        ImGui::BeginChild("board.list", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
        const float width = ImGui::GetContentRegionAvail().x;
        if (posts.empty()) ui::textWrapped(emptyText, width, ui::fonts().body, ui::colors::kTextMuted);
        for (const BoardPost& post : posts)
            if (board::postRow(post, width)) board::openPost(context, post.id);
        ui::dragToScroll();
        ImGui::EndChild();
    }

    void drawTyping(app::ScreenContext& context) {
        const ImVec2 area = ImGui::GetContentRegionAvail();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        ui::text(tr("board.search_prompt"));
        ui::textField("board.search.field", query_, "", true, false, area.x);
        const float top = ImGui::GetCursorScreenPos().y + ui::em(0.5f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        if (ui::drawKeyboard(query_, keyboard_, 60, ImVec2(area.x, origin.y + area.y - top), tr("board.search_go")))
            context.later([this](app::ScreenContext& later) {
                results_ = later.services.area<BoardServices>().board.search(query_);
                mode_ = Mode::Results;
            });
    }

    void drawResults(app::ScreenContext& context) {
        const float width = ImGui::GetContentRegionAvail().x;
        ui::textWrapped(i18n::trf("board.results_for", {{"query", query_}}), width - ui::em(11.0f), ui::fonts().body);
        ImGui::SameLine(width - ui::em(10.0f) + ImGui::GetStyle().WindowPadding.x);
        if (ui::button("board.search_again", tr("board.search_again"), ui::em(10.0f, 2.2f))) {
            mode_ = Mode::Typing;
            keyboard_ = {};
        }
        drawList(context, results_, tr("board.no_results"));
    }

    Mode mode_ = Mode::Browse;
    PostDirection direction_ = PostDirection::Offer;
    std::optional<std::string> category_;
    std::vector<BoardPost> posts_;
    std::vector<BoardPost> results_;
    std::string query_;
    ui::KeyboardState keyboard_;
};

}  // namespace

void registerPublicBoardScreen(app::ScreenRegistry& registry) { registry.add<BoardScreen>(kBoardScreen); }

}  // namespace vk::screens
