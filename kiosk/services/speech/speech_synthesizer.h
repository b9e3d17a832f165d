#pragma once
// Text read aloud with espeak-ng (Debian's libespeak-ng), into samples the interface plays: no audio device is
// touched here, so tests and `village-kiosk speak` make the same sound a kiosk plays. espeak-ng keeps one voice
// for the whole process: every instance shares it, on the thread that uses the kiosk's interface.

#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/speech/mono_pcm.h"

#include <string>

namespace vk::services {

class SpeechSynthesizer {
public:
    explicit SpeechSynthesizer(const SoundSettings& settings);

    // False when espeak-ng could not start (its data missing): then speak() returns silence.
    bool ready() const { return sampleRate_ > 0; }
    int sampleRate() const { return sampleRate_; }
    // A voice the configuration names that espeak-ng does not know (its language's default is used), or why
    // nothing can be read; empty when all is well. For the technician's notices.
    const std::string& problem() const { return problem_; }

    // `text` in `language` ("fr", "en"), at the configured speed and volume. Control characters are dropped, and
    // a text longer than kMaxCharacters is cut there (some two minutes of speech: nobody listens longer).
    static constexpr std::size_t kMaxCharacters = 2000;
    MonoPcm speak(const std::string& text, const std::string& language);

private:
    SoundSettings settings_;
    int sampleRate_ = 0;
    std::string problem_;
};

}  // namespace vk::services
