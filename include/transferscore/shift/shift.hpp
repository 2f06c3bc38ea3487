#pragma once
// Shift diagnostics of arXiv 2507.00432 (§4 and §3 of the study): how far a fine-tuned model's
// token distribution and hidden representations moved from its base's, from what inference
// backends export. Nothing here runs a model.
//   token shift:  read_token_pair / compare_study_files -> summarize_tokens -> reports
//   latent shift: read_feature_manifest -> latent_shift -> reports

#include <transferscore/config.hpp>
#include <transferscore/shift/scored_tokens.hpp>
#include <transferscore/shift/dom_access.hpp>
#include <transferscore/shift/record_meta.hpp>
#include <transferscore/shift/read_canonical.hpp>
#include <transferscore/shift/read_vllm.hpp>
#include <transferscore/shift/read_openai.hpp>
#include <transferscore/shift/read_tokens.hpp>
#include <transferscore/shift/kl_estimators.hpp>
#include <transferscore/shift/id_counter.hpp>
#include <transferscore/shift/token_stats.hpp>
#include <transferscore/shift/token_set.hpp>
#include <transferscore/shift/token_pairing.hpp>
#include <transferscore/shift/study_files.hpp>
#include <transferscore/shift/groups.hpp>
#include <transferscore/shift/token_summary.hpp>
#include <transferscore/shift/npy.hpp>
#include <transferscore/shift/eigen.hpp>
#include <transferscore/shift/pca.hpp>
#include <transferscore/shift/features.hpp>
#include <transferscore/shift/latent.hpp>
#include <transferscore/shift/report_tokens.hpp>
#include <transferscore/shift/report_latent.hpp>
#include <transferscore/shift/report_svg.hpp>
