#include "kiosk/services/speech/speech_synthesizer.h"

#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/services/user_text.h"

#include <espeak-ng/speak_lib.h>

#include <mutex>

namespace vk::services {
namespace {

std::mutex g_espeakMutex;  // espeak-ng's state is global
int g_espeakRate = -1;     // -1: not started yet; 0: could not start

int startEspeak() {
    if (g_espeakRate < 0) {
        // Synchronous: the samples come back through the callback, none goes to a sound card.
        const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        g_espeakRate = rate > 0 ? rate : 0;
    }
    return g_espeakRate;
}

int collectSamples(short* samples, int count, espeak_EVENT* events) {
    if (samples && count > 0 && events && events->user_data) {
        auto* out = static_cast<std::vector<std::int16_t>*>(events->user_data);
        out->insert(out->end(), samples, samples + count);
    }
    return 0;  // go on
}

}  // namespace

SpeechSynthesizer::SpeechSynthesizer(const SoundSettings& settings) : settings_(settings) {
    std::lock_guard lock(g_espeakMutex);
    sampleRate_ = startEspeak();
    if (!ready()) {
        problem_ = "espeak-ng could not start (is espeak-ng-data installed?): nothing can be read aloud";
        return;
    }
    for (const std::string& voice : {settings_.voiceFr, settings_.voiceEn})
        if (espeak_SetVoiceByName(voice.c_str()) != EE_OK)
            problem_ += (problem_.empty() ? "" : "; ") + ("sound: espeak-ng has no voice « " + voice + " »; the language's own is used");
}

MonoPcm SpeechSynthesizer::speak(const std::string& text, const std::string& language) {
    MonoPcm pcm;
    pcm.sampleRate = sampleRate_ > 0 ? sampleRate_ : 22050;
    if (!ready() || text.empty()) return pcm;
    const std::string clean = forSpeech(cleanUserText(text, kMaxCharacters), language);
    std::lock_guard lock(g_espeakMutex);
    const std::string& voice = language == "en" ? settings_.voiceEn : settings_.voiceFr;
    if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) espeak_SetVoiceByName(language == "en" ? "en" : "fr");
    espeak_SetParameter(espeakRATE, settings_.wordsPerMinute, 0);
    espeak_SetSynthCallback(&collectSamples);
    espeak_Synth(clean.c_str(), clean.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &pcm.samples);
    scaleVolume(pcm, settings_.volumePercent);
    return pcm;
}

}  // namespace vk::services
