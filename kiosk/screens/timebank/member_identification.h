#pragma once
// One member identified at the counter, by their card on the reader or by their name and short PIN typed on the
// on-screen keyboard. Shared by the time bank's screens and the orders' (each keeps its own), looking members up
// in the directory its area keeps (the board's members either way).

#include "kiosk/app/screen.h"
#include "kiosk/services/timebank/member_directory.h"
#include "kiosk/ui/on_screen_keyboard.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace vk::screens {

class MemberIdentification {
public:
    using Found = std::function<void(app::ScreenContext&, const services::timebank::TimeBankMember&)>;
    using Directory = std::function<services::timebank::MemberDirectory&(app::ScreenContext&)>;

    // `directory` null: the time bank's.
    explicit MemberIdentification(Directory directory = nullptr);

    // Draws the question, the name and PIN fields and the keyboard for the one being typed, in what is left of the
    // window. `found` runs after the frame, once the name and PIN match a member. With `aside` (a widget id and
    // its label), a button at the right of the question: returns true when it is tapped.
    bool draw(app::ScreenContext& context, const char* question, Found found,
              std::pair<const char*, const char*> aside = {nullptr, nullptr});
    // A card read while this step is up: `found` runs at once for a member's card, otherwise a message says why.
    void onCard(app::ScreenContext& context, const std::string& uidHex, const Found& found);
    // Shown under the fields until something is typed (a refusal of the screen that uses it).
    void say(std::string message) { message_ = std::move(message); }
    void reset();

    static constexpr std::size_t kMaxPinDigits = 8;

private:
    services::timebank::MemberDirectory& members(app::ScreenContext& context);

    Directory directory_;
    enum class Field { Name, Pin };
    Field field_ = Field::Name;
    std::string name_;
    std::string pin_;
    ui::KeyboardState keyboard_{ui::KeyboardPage::Letters, true};
    std::string message_;
};

}  // namespace vk::screens
