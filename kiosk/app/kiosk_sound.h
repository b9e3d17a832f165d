#pragma once
// What the kiosk says and sounds: a screen read aloud (the words the screen declares, Screen::spokenText), the
// chime of a resident's call for help on the assistant's screens, and the call chime of the waiting room. Both are off where the configuration turns
// them off or no audio device was found; any tap stops the reading (KioskUi).

#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/speech/speech_synthesizer.h"
#include "kiosk/ui/audio_output.h"

#include <memory>
#include <optional>
#include <string>

namespace vk::app {

class KioskSound {
public:
    KioskSound(const services::SoundSettings& settings, std::unique_ptr<ui::AudioOutput> output);

    // Whether « Écouter » is offered: reading aloud configured, and somewhere to play it.
    bool canReadAloud() const { return settings_.readAloud && output_->available(); }
    // Reads `text` in `language`, cutting whatever was playing. Made on the spot (espeak-ng needs a few
    // milliseconds per second of speech).
    void readAloud(const std::string& text, const std::string& language);
    bool reading() const { return reading_ && output_->playing(); }
    // Silence, at once (a tap, the return home).
    void stop();
    // The help chime, where configured and a device is there; it does not cut a reading in progress.
    void helpChime();
    int chimesPlayed() const { return chimes_; }
    // The call chime for the call named `callKey` (sound.call_chime, off by default): once per call, however many
    // windows show the calling screen and however often they redraw it. Like the help chime, it does not cut a
    // reading in progress.
    void callChime(const std::string& callKey);
    int callChimesPlayed() const { return callChimes_; }

    ui::AudioOutput& output() { return *output_; }

private:
    services::SoundSettings settings_;
    std::unique_ptr<ui::AudioOutput> output_;
    std::optional<services::SpeechSynthesizer> synthesizer_;  // started at the first reading
    bool reading_ = false;
    int chimes_ = 0;
    int callChimes_ = 0;
    std::string lastCallKey_;
};

}  // namespace vk::app
