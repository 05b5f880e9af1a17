/**
 * Tolerance when comparing a measured value with a level, so that 0.8 computed as 0.7999999999999999
 * still counts as meeting an 80 % target. Far below any displayed precision.
 */
export const ATTAINMENT_EPSILON = 1e-9;
