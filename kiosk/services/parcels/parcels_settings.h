#pragma once
// The [parcels] section of kiosk.toml (docs/configuration.md): the café that runs the relay point, its opening
// days and closures (which move a deadline falling on a closed day), its shelf, and the public keypad's patience.

#include <string>
#include <vector>

namespace vk::services::parcels {

struct ParcelsSettings {
    // What the arrival messages say of the relay point.
    std::string relayName = "Café de la Place";
    std::string relayAddress;
    std::string openingHours;  // as residents read it: "du mardi au dimanche, 7 h 30 – 20 h"
    // "mon" … "sun"; a hold period counted in opening days skips the others, and no deadline falls on them.
    std::vector<std::string> openingDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    std::vector<std::string> closures;  // "YYYY-MM-DD": holidays, the café's own closing weeks
    // Shelf places are a letter and a number: shelves A, B, C with 10 places each give A1 … C10.
    std::vector<std::string> shelves = {"A", "B", "C"};
    int placesPerShelf = 10;
    // Someone trying codes one after another on the public screen: after this many wrong codes within the window
    // the keypad answers every code with « présentez-vous au comptoir » for a while (see PublicPickup).
    int wrongCodesBeforePause = 10;
    int wrongCodeWindowMinutes = 10;
    int pauseMinutes = 5;
};

}  // namespace vk::services::parcels
