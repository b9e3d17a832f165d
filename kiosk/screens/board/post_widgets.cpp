#include "kiosk/screens/board/post_widgets.h"

#include "kiosk/app/screen.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/board/board_screens.h"
#include "kiosk/screens/board/post_screen.h"
#include "kiosk/services/user_text.h"
#include "kiosk/ui/widgets.h"

namespace vk::screens::board {

using i18n::tr;
using services::board::ExchangeBoard;

std::string categoryLabel(const std::string& category) {
    const std::string key = ExchangeBoard::categoryLabelKey(category);
    if (i18n::catalog("fr").count(key)) return tr(key);
    return category;
}

const char* kindLabel(services::board::PostKind kind) {
    switch (kind) {
    case services::board::PostKind::Free: return tr("board.kind.free");
    case services::board::PostKind::Cesu: return tr("board.kind.cesu");
    case services::board::PostKind::Professional: return tr("board.kind.professional");
    }
    return "";
}

std::string shortTitle(const std::string& title, std::size_t maxCodepoints) {
    if (services::countCodepoints(title) <= maxCodepoints) return title;
    return services::cleanUserText(title, maxCodepoints - 1) + "…";
}

std::string postMeta(const services::board::BoardPost& post) {
    std::string meta = categoryLabel(post.content.category);
    if (!post.village.empty()) meta += " · " + post.village;
    meta += " · " + i18n::shortDateTime(post.createdAt);
    return meta;
}

std::string fittedTitle(const std::string& title, float width, int lines) {
    ImFont* font = ui::fonts().body ? ui::fonts().body : ImGui::GetFont();
    // As ui::button wraps its label: 92 % of the width, between words only (a word cut in two counts as not
    // fitting: the button would take a smaller type, then report it).
    const float wrapWidth = width * 0.92f;
    const auto wordsFit = [&](const std::string& text) {
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find(' ', start);
            if (end == std::string::npos) end = text.size();
            if (font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str() + start, text.c_str() + end).x > wrapWidth)
                return false;
            start = end + 1;
        }
        return true;
    };
    const auto fits = [&](const std::string& text) {
        return wordsFit(text) &&
               font->CalcTextSizeA(font->FontSize, FLT_MAX, wrapWidth, text.c_str()).y <=
                   font->FontSize * static_cast<float>(lines) + 0.5f;
    };
    if (fits(title)) return title;
    std::size_t low = 1;
    std::size_t high = services::countCodepoints(title);
    while (low < high) {
        const std::size_t middle = (low + high + 1) / 2;
        if (fits(shortTitle(title, middle)))
            low = middle;
        else
            high = middle - 1;
    }
    return shortTitle(title, low);
}

bool postRow(const services::board::BoardPost& post, float width) {
    const std::string id = "board.post." + post.id;
    ImGui::Dummy(ui::em(1.0f, 0.2f));
    const bool tapped =
        ui::button(id.c_str(), fittedTitle(post.content.title, width, 2).c_str(), ImVec2(width, ui::em(2.4f)));
    ui::textWrapped(postMeta(post), width, ui::fonts().small, ui::colors::kTextMuted);
    return tapped;
}

void openPost(app::ScreenContext& context, const std::string& postId) {
    context.open(kBoardPostScreen);
    context.later([postId](app::ScreenContext& later) {
        if (auto* page = later.screen<BoardPostScreen>(kBoardPostScreen)) page->show(later.services, postId);
    });
}

}  // namespace vk::screens::board
