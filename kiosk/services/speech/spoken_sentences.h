#pragma once
// What a screen reads aloud, put together from the words it shows.

#include <string>
#include <vector>

namespace vk::services {

// The parts as sentences, in order, empty ones left out; a part without an end mark gets a full stop, so that
// the voice pauses between them as a reader would.
std::string joinSentences(const std::vector<std::string>& parts);

// Written forms a voice would misread, in words it says right: in French « 9 h 30 » is « 9 heures 30 » (espeak-ng
// says « ache »), and a dash between two things is a pause.
std::string forSpeech(const std::string& text, const std::string& language);

}  // namespace vk::services
