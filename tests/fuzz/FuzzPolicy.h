// The built-in policy, loaded once for every input of a fuzzer: a fuzzer that cannot load it has
// nothing to test, so it stops at once.
#pragma once
#include "checklist/PolicyLoader.h"

#include <cstdlib>

namespace rd::fuzz {

inline const Policy& policy()
{
    static const Policy loaded = [] {
        const Result<Policy> result = PolicyLoader::loadBuiltIn();
        if (!result)
            std::abort();
        return result.value();
    }();
    return loaded;
}

} // namespace rd::fuzz
