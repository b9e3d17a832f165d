#pragma once
// « Lier une carte » at the desk: the next card read on the appointments screen is linked to the patient of one
// appointment (CheckIn::linkCard), so that next time the card alone checks them in at the kiosk. A staff card, a
// barcode or a garbled read is refused with a message and links nothing. A staff screen: the patient's name is
// shown, the card's number never (its last four digits at most).

#include "hardware/reader_events.h"
#include "kiosk/app/screen.h"
#include "storage/appointment_store.h"

#include <cstdint>
#include <string>

namespace vk::screens {

class CardLinkStep {
public:
    explicit CardLinkStep(const storage::Appointment& appointment);

    // Draws the step under its own header bar; false once the assistant leaves it.
    bool draw(app::ScreenContext& context);
    // The read the step waits for. Once a card is linked it waits for nothing more: further reads go nowhere.
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event);

private:
    std::string appointmentId_;
    std::string patient_;  // "Moulin Jeanne"
    std::string time_;     // "10:30"
    bool linked_ = false;
    std::string message_;
};

}  // namespace vk::screens
