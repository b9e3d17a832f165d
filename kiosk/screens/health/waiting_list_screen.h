#pragma once
// The assistant's waiting list: patients who want an earlier slot, added at the desk, and the freed slot's
// calls. Staff mode only: names and phone numbers are shown.

#include "kiosk/app/screen.h"
#include "kiosk/services/health/waiting_list.h"
#include "kiosk/ui/on_screen_keyboard.h"

#include <string>
#include <vector>

namespace vk::screens {

class WaitingListScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override;
    void open(app::ScreenContext& context) override;
    void draw(app::ScreenContext& context) override;

    // The form to add someone, filled from their appointment (« wants an earlier slot » on the desk).
    void startAdding(const services::health::WaitingListInput& prefilled);

    struct Form {
        enum class Mode { List, Add };
        enum class Field { Surname, GivenName, Phone, Availability };
        Mode mode = Mode::List;
        Field field = Field::Surname;
        services::health::WaitingListInput input;
        ui::KeyboardState keyboard;
        std::vector<services::health::WaitingListEntry> entries;
        std::string message;
        bool messageIsError = false;
    };

private:
    void reload(app::ScreenContext& context);
    Form form_;
};

}  // namespace vk::screens
