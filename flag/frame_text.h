#pragma once
// The frame of one piece of evidence (the agreement's words and who filled each party's slot)
// as one line for people: "agreement: memorandum · Cuba: CUPET, Havana · Russia: Rosneft".
#include <string>

#include "flag/flagger.h"

namespace flag {

// Empty for evidence without a frame (stored before rules version 5).
std::string frame_text(const Evidence& evidence);

}  // namespace flag
