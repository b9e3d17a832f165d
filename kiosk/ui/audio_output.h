#pragma once
// Where the kiosk's sound goes: the default audio device through SDL, or memory for a kiosk drawn off screen
// (tests, screenshots). One sound at a time: playing another, or stop(), cuts the one before.

#include "kiosk/services/speech/mono_pcm.h"

#include <memory>

namespace vk::ui {

class AudioOutput {
public:
    virtual ~AudioOutput() = default;
    // False when there is nowhere to play: the kiosk then offers no reading aloud and sounds no chime.
    virtual bool available() const = 0;
    virtual void play(const services::MonoPcm& pcm) = 0;
    virtual void stop() = 0;
    virtual bool playing() const = 0;

protected:
    AudioOutput() = default;
    AudioOutput(const AudioOutput&) = default;
    AudioOutput& operator=(const AudioOutput&) = default;
};

// The default device, opened at `sampleRate` mono (SDL converts for the card). Unavailable, and silent, when
// SDL finds no audio device or driver.
std::unique_ptr<AudioOutput> openDefaultAudio(int sampleRate);

// Keeps what it was asked to play, "playing" until stopped: a kiosk without a loudspeaker, which tests can
// listen to.
class MemoryAudio final : public AudioOutput {
public:
    explicit MemoryAudio(bool available = true) : available_(available) {}
    bool available() const override { return available_; }
    void play(const services::MonoPcm& pcm) override;
    void stop() override;
    bool playing() const override;

    const services::MonoPcm& last() const { return last_; }
    int playCount() const { return plays_; }
    int stopCount() const { return stops_; }

private:
    bool available_;
    services::MonoPcm last_;
    bool playing_ = false;
    int plays_ = 0;
    int stops_ = 0;
};

}  // namespace vk::ui
