#pragma once
// What the board's screens draw alike: the words for a category or a kind, and a post as a row of a list.

#include "kiosk/services/board/exchange_board.h"

#include <string>

namespace vk::app {
class ScreenContext;
}

namespace vk::screens::board {

// The translated name of a default category, or a configured one as written.
std::string categoryLabel(const std::string& category);
const char* kindLabel(services::board::PostKind kind);
// A title short enough for a list row (whole on the post's page).
std::string shortTitle(const std::string& title, std::size_t maxCodepoints = 32);
// The title cut (with …) to what `lines` lines of a button `width` wide hold.
std::string fittedTitle(const std::string& title, float width, int lines);
// « Jardin et petits travaux · Saint-Aubin · 21/11 14:05 »
std::string postMeta(const services::board::BoardPost& post);

// One post in a list: a big button with its title and a line under it. Returns true when tapped.
bool postRow(const services::board::BoardPost& post, float width);

// Opens the post's page for `postId`.
void openPost(app::ScreenContext& context, const std::string& postId);

}  // namespace vk::screens::board
