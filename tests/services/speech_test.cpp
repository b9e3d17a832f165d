#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/speech/mono_pcm.h"
#include "kiosk/services/speech/speech_synthesizer.h"
#include "kiosk/services/speech/spoken_sentences.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace vk::services;

namespace {

int peakOf(const MonoPcm& pcm) {
    int peak = 0;
    for (std::int16_t sample : pcm.samples) peak = std::max(peak, std::abs(static_cast<int>(sample)));
    return peak;
}

std::uint32_t littleEndian(const std::string& bytes, std::size_t at, int count) {
    std::uint32_t value = 0;
    for (int i = count - 1; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    return value;
}

}  // namespace

TEST_CASE("a screen's words are spoken in French and in English, at a pace a listener follows", "[speech]") {
    SpeechSynthesizer voice(SoundSettings{});
    REQUIRE(voice.ready());
    CHECK(voice.problem().empty());
    CHECK(voice.sampleRate() == 22050);
    const MonoPcm french = voice.speak("Bonjour ! Touchez le service qui vous intéresse.", "fr");
    const MonoPcm english = voice.speak("Hello! Touch the service you need.", "en");
    // About eight words each: at 140 words a minute some three seconds, never a click nor a minute.
    CHECK(french.seconds() > 1.5);
    CHECK(french.seconds() < 8.0);
    CHECK(english.seconds() > 1.0);
    CHECK(english.seconds() < 8.0);
    CHECK(peakOf(french) > 1000);
    // The same words in another voice sound different.
    CHECK(voice.speak("Bonjour ! Touchez le service qui vous intéresse.", "en").samples != french.samples);
}

TEST_CASE("the configured speed and volume change what is played", "[speech]") {
    SoundSettings slow;
    slow.wordsPerMinute = 100;
    slow.volumePercent = 100;
    SoundSettings quietFast;
    quietFast.wordsPerMinute = 250;
    quietFast.volumePercent = 25;
    const std::string words = "Le docteur consulte lundi, mardi et jeudi.";
    const MonoPcm slowSpeech = SpeechSynthesizer(slow).speak(words, "fr");
    const MonoPcm fastSpeech = SpeechSynthesizer(quietFast).speak(words, "fr");
    CHECK(slowSpeech.seconds() > fastSpeech.seconds() * 1.5);
    CHECK(peakOf(fastSpeech) < peakOf(slowSpeech) / 2);
    SoundSettings silent;
    silent.volumePercent = 0;
    CHECK(peakOf(SpeechSynthesizer(silent).speak(words, "fr")) == 0);
}

TEST_CASE("a voice espeak-ng lacks is reported and the language's own is used", "[speech]") {
    SoundSettings settings;
    settings.voiceFr = "no-such-voice";
    SpeechSynthesizer voice(settings);
    CHECK(voice.problem().find("no-such-voice") != std::string::npos);
    CHECK(voice.speak("Bonjour.", "fr").seconds() > 0.2);
}

TEST_CASE("control characters and a huge text are read safely", "[speech]") {
    SpeechSynthesizer voice(SoundSettings{});
    CHECK(voice.speak("Bonjour\x1b[2J\x07 !", "fr").seconds() > 0.2);
    CHECK(voice.speak("", "fr").samples.empty());
    // 10 kB of one word is cut, not read for a quarter of an hour.
    std::string huge;
    while (huge.size() < 10'000) huge += "la ";
    const MonoPcm cut = voice.speak(huge, "fr");
    CHECK(cut.seconds() > 30.0);
    CHECK(cut.seconds() < 600.0);  // uncut, some twenty minutes
}

TEST_CASE("times are said as words, and dashes as pauses", "[speech]") {
    CHECK(forSpeech("de 9 h à 12 h 30", "fr") == "de 9 heures à 12 heures 30");
    CHECK(forSpeech("à 1 h, à 0 h 15", "fr") == "à 1 heure, à 0 heure 15");
    CHECK(forSpeech("Fermé – congés", "fr") == "Fermé, congés");
    CHECK(forSpeech("from 9:00 to 12:30 – closed", "en") == "from 9:00 to 12:30, closed");
    // A letter h that is not an hour stays.
    CHECK(forSpeech("Dr Hugo h.", "fr") == "Dr Hugo h.");
}

TEST_CASE("sentences are joined with a stop between them", "[speech]") {
    CHECK(joinSentences({"Santé", "", "Médecin de la semaine", "Vous avez rendez-vous ?", "  "}) ==
          "Santé. Médecin de la semaine. Vous avez rendez-vous ?");
}

TEST_CASE("a WAV file says 16-bit mono PCM at its rate, and holds every sample", "[speech]") {
    MonoPcm pcm;
    pcm.sampleRate = 22050;
    pcm.samples = {0, 1, -1, 32767, -32768};
    const std::string bytes = wavBytes(pcm);
    REQUIRE(bytes.size() == 44 + 10);
    CHECK(bytes.substr(0, 4) == "RIFF");
    CHECK(littleEndian(bytes, 4, 4) == 36 + 10);
    CHECK(bytes.substr(8, 8) == "WAVEfmt ");
    CHECK(littleEndian(bytes, 20, 2) == 1);  // PCM
    CHECK(littleEndian(bytes, 22, 2) == 1);  // mono
    CHECK(littleEndian(bytes, 24, 4) == 22050);
    CHECK(littleEndian(bytes, 28, 4) == 44100);
    CHECK(littleEndian(bytes, 34, 2) == 16);
    CHECK(bytes.substr(36, 4) == "data");
    CHECK(littleEndian(bytes, 40, 4) == 10);
    CHECK(static_cast<std::int16_t>(littleEndian(bytes, 50, 2)) == 32767);
    CHECK(static_cast<std::int16_t>(littleEndian(bytes, 52, 2)) == -32768);

    const auto file = std::filesystem::temp_directory_path() / "vk-speech-test.wav";
    std::string error;
    REQUIRE(writeWavFile(file, pcm, error));
    CHECK(std::filesystem::file_size(file) == bytes.size());
    std::filesystem::remove(file);
    CHECK_FALSE(writeWavFile("/nonexistent-folder/x.wav", pcm, error));
    CHECK(error.find("/nonexistent-folder/x.wav") != std::string::npos);
}

TEST_CASE("the help chime is short, soft, and as loud as configured", "[speech]") {
    const MonoPcm chime = helpChime(22050, 100);
    CHECK(chime.seconds() > 0.4);
    CHECK(chime.seconds() < 1.5);
    // At most half of full scale: a notice, not an alarm.
    CHECK(peakOf(chime) <= 32767 / 2 + 1);
    CHECK(peakOf(chime) > 8000);
    // No click at the start: it rises over some milliseconds.
    CHECK(std::abs(chime.samples.front()) < 100);
    CHECK(peakOf(helpChime(22050, 40)) < peakOf(chime) / 2);
    CHECK(peakOf(helpChime(22050, 0)) == 0);
}

TEST_CASE("the [sound] section and the screen diagonal are read, and wrong values refused with their line", "[speech][config]") {
    const ConfigLoad good = parseConfig(R"(
[kiosk]
screen_diagonal_inches = 10.1
[sound]
read_aloud = false
help_chime = false
volume_percent = 55
voice_fr = "fr-fr"
voice_en = "en-us"
words_per_minute = 120
)", "kiosk.toml");
    REQUIRE(good.problems.empty());
    CHECK(good.config.screenDiagonalInches == Approx(10.1));
    CHECK_FALSE(good.config.sound.readAloud);
    CHECK_FALSE(good.config.sound.helpChime);
    CHECK(good.config.sound.volumePercent == 55);
    CHECK(good.config.sound.voiceFr == "fr-fr");
    CHECK(good.config.sound.voiceEn == "en-us");
    CHECK(good.config.sound.wordsPerMinute == 120);

    const ConfigLoad bad = parseConfig("[sound]\nvolume_percent = 300\nwords_per_minute = \"fast\"\nvoice = \"fr\"\n", "kiosk.toml");
    REQUIRE(bad.problems.size() == 3);
    CHECK(bad.problems[0].line == 2);
    CHECK(bad.problems[0].key == "sound.volume_percent");
    CHECK(bad.problems[1].key == "sound.words_per_minute");
    CHECK(bad.problems[2].key == "sound.voice");  // an unknown key: a probable typo
    CHECK(bad.config.sound.volumePercent == SoundSettings{}.volumePercent);
}
