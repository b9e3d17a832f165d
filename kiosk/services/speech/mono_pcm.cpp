#include "kiosk/services/speech/mono_pcm.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>

namespace vk::services {
namespace {

void putLittleEndian(std::string& out, std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

}  // namespace

void scaleVolume(MonoPcm& pcm, int percent) {
    const double gain = std::clamp(percent, 0, 100) / 100.0;
    for (std::int16_t& sample : pcm.samples)
        sample = static_cast<std::int16_t>(std::clamp(std::lround(sample * gain), -32768L, 32767L));
}

namespace {

// Struck-bell notes one after the other, each `noteSeconds` long, at `volumePercent` of full scale.
MonoPcm bellNotes(int sampleRate, int volumePercent, std::initializer_list<double> notes, double noteSeconds) {
    MonoPcm pcm;
    pcm.sampleRate = sampleRate;
    const auto noteSamples = static_cast<std::size_t>(noteSeconds * sampleRate);
    const double peak = 0.5 * 32767.0 * std::clamp(volumePercent, 0, 100) / 100.0;
    for (double frequency : notes) {
        for (std::size_t i = 0; i < noteSamples; ++i) {
            const double t = static_cast<double>(i) / sampleRate;
            // A 10 ms rise (no click), then an exponential fade like a struck bell.
            const double envelope = std::min(1.0, t / 0.01) * std::exp(-t * 6.0);
            const double wave = std::sin(2.0 * std::numbers::pi * frequency * t) +
                                0.3 * std::sin(4.0 * std::numbers::pi * frequency * t);  // an overtone, warmer
            pcm.samples.push_back(static_cast<std::int16_t>(std::lround(peak * envelope * wave / 1.3)));
        }
    }
    return pcm;
}

}  // namespace

MonoPcm helpChime(int sampleRate, int volumePercent) {
    // E5 then C5, 0.35 s each: two notes say « something for you » where one beep sounds like a machine's error.
    return bellNotes(sampleRate, volumePercent, {659.25, 523.25}, 0.35);
}

MonoPcm callChime(int sampleRate, int volumePercent) {
    // C5, E5, G5, 0.25 s each: an airport's « your turn », short enough not to cover the number being read.
    return bellNotes(sampleRate, volumePercent, {523.25, 659.25, 783.99}, 0.25);
}

std::string wavBytes(const MonoPcm& pcm) {
    const auto dataBytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
    const auto rate = static_cast<std::uint32_t>(pcm.sampleRate);
    std::string out;
    out.reserve(44 + dataBytes);
    out += "RIFF";
    putLittleEndian(out, 36 + dataBytes, 4);
    out += "WAVEfmt ";
    putLittleEndian(out, 16, 4);        // size of the format chunk
    putLittleEndian(out, 1, 2);         // PCM
    putLittleEndian(out, 1, 2);         // one channel
    putLittleEndian(out, rate, 4);
    putLittleEndian(out, rate * 2, 4);  // bytes per second
    putLittleEndian(out, 2, 2);         // bytes per frame
    putLittleEndian(out, 16, 2);        // bits per sample
    out += "data";
    putLittleEndian(out, dataBytes, 4);
    for (std::int16_t sample : pcm.samples) putLittleEndian(out, static_cast<std::uint16_t>(sample), 2);
    return out;
}

bool writeWavFile(const std::filesystem::path& file, const MonoPcm& pcm, std::string& error) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    const std::string bytes = wavBytes(pcm);
    if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        error = "cannot write " + file.string();
        return false;
    }
    return true;
}

}  // namespace vk::services
