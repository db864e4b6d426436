//! Word segmentation (jieba) shared by figures, comparison and reuse.
