#include "kiosk/app/kiosk_sound.h"

#include <iostream>

namespace vk::app {

namespace {
constexpr int kSampleRate = 22050;  // espeak-ng's; the device is opened at it
}

KioskSound::KioskSound(const services::SoundSettings& settings, std::unique_ptr<ui::AudioOutput> output)
    : settings_(settings), output_(output ? std::move(output) : ui::openDefaultAudio(kSampleRate)) {}

void KioskSound::readAloud(const std::string& text, const std::string& language) {
    if (!canReadAloud() || text.empty()) return;
    if (!synthesizer_) {
        synthesizer_.emplace(settings_);
        if (!synthesizer_->problem().empty()) std::cerr << "village-kiosk: " << synthesizer_->problem() << "\n";
    }
    output_->play(synthesizer_->speak(text, language));
    reading_ = true;
}

void KioskSound::stop() {
    reading_ = false;
    output_->stop();
}

void KioskSound::helpChime() {
    if (!settings_.helpChime || !output_->available() || reading()) return;
    output_->play(services::helpChime(kSampleRate, settings_.volumePercent));
    ++chimes_;
}

void KioskSound::callChime(const std::string& callKey) {
    if (!settings_.callChime || !output_->available() || reading() || callKey == lastCallKey_) return;
    lastCallKey_ = callKey;
    output_->play(services::callChime(kSampleRate, settings_.volumePercent));
    ++callChimes_;
}

}  // namespace vk::app
