#pragma once
// A post's page: everything it says, how to reply, print it as a slip, flag it; and what matches it.

#include "kiosk/app/screen.h"
#include "kiosk/services/board/exchange_board.h"

#include <optional>
#include <string>
#include <vector>

namespace vk::app {
struct KioskServices;
}

namespace vk::screens {

class BoardPostScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override;
    void draw(app::ScreenContext& context) override;
    // The post's title, kind, text and end date; the poster's name and contact are on the screen and the slip.
    std::string spokenText(app::ScreenContext& context) override;
    // Loads the post to show (after open). A post no longer on the board shows a short message.
    void show(app::KioskServices& services, const std::string& postId);

private:
    enum class Message { None, Printed, PrintLater, Flagged, Gone };
    std::optional<services::board::BoardPost> post_;
    std::string poster_;
    std::string contact_;
    std::vector<services::board::BoardPost> matches_;
    Message message_ = Message::None;
};

}  // namespace vk::screens
