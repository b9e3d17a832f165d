#include "kiosk/services/speech/spoken_sentences.h"

#include <regex>

namespace vk::services {

std::string joinSentences(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) {
        const auto end = part.find_last_not_of(" \n");
        if (end == std::string::npos) continue;
        if (!text.empty()) text += ' ';
        text.append(part, 0, end + 1);
        const char last = part[end];
        if (last != '.' && last != '?' && last != '!' && last != ':' && last != ';') text += '.';
    }
    return text;
}

std::string forSpeech(const std::string& text, const std::string& language) {
    std::string spoken = std::regex_replace(text, std::regex(" (–|—) "), ", ");
    if (language == "fr") {
        static const std::regex oneHour("\\b([01]) h\\b");
        static const std::regex hours("\\b([0-9]{1,2}) h\\b");
        spoken = std::regex_replace(spoken, oneHour, "$1 heure");
        spoken = std::regex_replace(spoken, hours, "$1 heures");
    }
    return spoken;
}

}  // namespace vk::services
